import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, refuse, required, type Cli, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import type { Depot, Session } from '../../core/depot.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: unknown, cli: Cli): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DAY.test(value)) throw new CliError(cli.t('cli.export.badDate', { value: String(value) }), 2, 'export');
  return value;
}

async function itemId(depot: Depot, session: Session, code: string, cli: Cli): Promise<number> {
  const items = await depot.invoke('items.list', { includeInactive: true }, session);
  const item = items.ok ? items.data.find((i) => i.code === code) : undefined;
  if (!item) throw refuse(cli.t('cli.export.unknownItem', { code }));
  return item.id;
}

/**
 * `depot export ledger|card`: the comprehensive ledger of a period, or the stock card of an
 * item (or one of its lots), as an .xlsx written through the same channel as the desk's export.
 */
export const exportCommand: Command = {
  name: 'export',
  usage: 'ledger|card --db FILE --out FILE.xlsx [--from DATE] [--to DATE] [--category CATEGORY] [--item CODE] [--lot LOT] [--force]',
  options: {
    db: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    category: { type: 'string' },
    item: { type: 'string' },
    lot: { type: 'string' },
    force: { type: 'boolean' },
  },
  maxPositionals: 1,
  async run({ options, positionals: [what] }, cli) {
    if (what !== 'ledger' && what !== 'card') throw new CliError(cli.t('cli.export.what'), 2, 'export');
    const file = required({ options, positionals: [] }, 'db', cli, 'export');
    const out = resolve(required({ options, positionals: [] }, 'out', cli, 'export'));
    const from = day(options.from, cli);
    const to = day(options.to, cli);
    if (what === 'ledger') {
      required({ options, positionals: [] }, 'from', cli, 'export');
      required({ options, positionals: [] }, 'to', cli, 'export');
    } else {
      required({ options, positionals: [] }, 'item', cli, 'export');
    }
    if (existsSync(out) && !options.force) throw refuse(cli.t('cli.error.outExists', { file: out }));

    const depot = openAt(file, cli, { mustExist: true });
    try {
      const session = depot.systemSession(cli.locale);
      const item = typeof options.item === 'string' ? await itemId(depot, session, options.item, cli) : undefined;
      let answer;
      if (what === 'ledger') {
        const filters = { ...(typeof options.category === 'string' ? { category: options.category } : {}), ...(item ? { itemId: item } : {}) };
        answer = await depot.invoke('ledger.export', { from, to, filters, path: out }, session);
      } else {
        let lotId: number | undefined;
        if (typeof options.lot === 'string') {
          const lots = await depot.invoke('lots.find', { itemId: item, lotNo: options.lot }, session);
          lotId = lots.ok ? lots.data[0]?.id : undefined;
          if (lotId === undefined) throw refuse(cli.t('cli.export.unknownLot', { code: options.item, lot: options.lot }));
        }
        answer = await depot.invoke('ledger.exportCard', { itemId: item, lotId, from, to, path: out }, session);
      }
      if (!answer.ok) throw refuse(answer.error.message);
      const r = answer.data;
      if (r.status === 'cancelled') throw refuse(cli.t('cli.export.cancelled'));
      cli.out(cli.t('cli.export.done', { file: out, rows: r.rows.toLocaleString('en-US'), items: r.items, bytes: r.bytes.toLocaleString('en-US'), seconds: (r.ms / 1000).toFixed(1) }));
    } finally {
      depot.close();
    }
  },
};
