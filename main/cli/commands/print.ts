import { resolve } from 'node:path';
import { CliError, refuse, required, type Cli, type Command } from '../command.ts';
import { openAt } from '../open.ts';

const WHAT = ['slip', 'picklist', 'receipt', 'labels'] as const;
type What = (typeof WHAT)[number];

/** The options each document takes besides --db and --pdf. */
const OWN: Record<What, string[]> = {
  slip: ['paper'],
  picklist: ['paper'],
  receipt: ['paper'],
  labels: ['lot', 'item', 'kind', 'size', 'count', 'cartons'],
};

/**
 * `depot print slip CK… --pdf FILE`: the same channels as the desk's print buttons, as the
 * system operator, so a PDF printed here counts in the document's print history (and the
 * next print is marked 补打). The core checks every value and explains refusals.
 */
export const print: Command = {
  name: 'print',
  // The choices of each option are in the summary: `depot help` pads every line to the longest usage.
  usage: 'slip|receipt NO | picklist NO… | labels --lot LOT  --db FILE --pdf FILE [options]',
  options: {
    db: { type: 'string' },
    pdf: { type: 'string' },
    paper: { type: 'string' },
    lot: { type: 'string' },
    item: { type: 'string' },
    kind: { type: 'string' },
    size: { type: 'string' },
    count: { type: 'string' },
    cartons: { type: 'string' },
  },
  // picklist takes the orders of a wave (at most 50).
  maxPositionals: 51,
  async run(args, cli) {
    const [what, no, ...more] = args.positionals;
    if (!WHAT.includes(what as What)) throw new CliError(cli.t('cli.error.printWhat'), 2, 'print');
    const kind = what as What;
    const stray = Object.keys(args.options).find((o) => args.options[o] !== undefined && !['db', 'pdf', 'lang', 'help', ...OWN[kind]].includes(o));
    if (stray) throw new CliError(cli.t('cli.error.printOption', { option: `--${stray}`, what }), 2, 'print');
    if (kind !== 'labels' && !no) throw new CliError(cli.t('cli.error.printNo', { what: cli.t(`field.${kind === 'receipt' ? 'receipt' : 'order'}`) }), 2, 'print');
    if (kind === 'labels' && no !== undefined) throw new CliError(cli.t('cli.error.unexpectedArgument', { arg: no }), 2, 'print');
    if (kind !== 'picklist' && more.length > 0) throw new CliError(cli.t('cli.error.unexpectedArgument', { arg: more[0] }), 2, 'print');
    const db = required(args, 'db', cli, 'print');
    const file = required(args, 'pdf', cli, 'print');
    const path = resolve(file);
    const lotNo = kind === 'labels' ? required(args, 'lot', cli, 'print') : undefined;
    const opt = (name: string) => (typeof args.options[name] === 'string' ? (args.options[name] as string) : undefined);

    const depot = openAt(db, cli, { mustExist: true });
    try {
      const session = depot.systemSession(cli.locale);
      const common = { output: 'pdf', path } as const;
      if (kind === 'labels') {
        const answer = await depot.invoke(
          'print.labels',
          {
            lot: lotNo,
            ...defined({ itemCode: opt('item'), labelKind: opt('kind'), size: opt('size'), count: whole(opt('count'), '--count', cli), cartonsPerPallet: whole(opt('cartons'), '--cartons', cli) }),
            ...common,
          },
          session,
        );
        if (!answer.ok) throw refuse(answer.error.message);
        cli.out(cli.t('cli.print.labels', { file, title: answer.data.title, count: answer.data.labels }));
        return;
      }
      const answer =
        kind === 'slip' ? await depot.invoke('print.slip', { order: no!, ...defined({ paper: opt('paper') }), ...common }, session)
        : kind === 'picklist' ? await depot.invoke('print.pickList', { orders: [no!, ...more], ...defined({ paper: opt('paper') }), ...common }, session)
        : await depot.invoke('print.receipt', { receipt: no!, ...defined({ paper: opt('paper') }), ...common }, session);
      if (!answer.ok) throw refuse(answer.error.message);
      cli.out(cli.t('cli.print.done', { file, title: answer.data.title, pages: answer.data.pages }));
      if (answer.data.reprint > 0) cli.out(cli.t('cli.print.reprint', { count: answer.data.reprint }));
    } finally {
      await depot.close();
    }
  },
};

/** Options given on the command line, without the ones left out. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function whole(value: string | undefined, option: string, cli: Cli): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(cli.t('cli.error.printNumber', { option }), 2, 'print');
  return Number(value);
}
