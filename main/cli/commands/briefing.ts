import { CliError, refuse, required, type Command } from '../command.ts';
import { openAt } from '../open.ts';

/** "2026-04-10T18:00" or "2026-04-10 18:00" (the depot's local time), or an ISO time with its offset. */
export function parseMoment(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [, day, hh, mm, ss = '00', zone] = m;
  const d = new Date(`${day}T${hh}:${mm}:${ss}${zone ?? ''}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `depot briefing [--at TIME]`: the briefing text (通报) as of a moment, from the ledger. */
export const briefingCommand: Command = {
  name: 'briefing',
  usage: '--db FILE [--at TIME]',
  options: { db: { type: 'string' }, at: { type: 'string' } },
  async run(args, cli) {
    const file = required(args, 'db', cli, 'briefing');
    const raw = args.options.at;
    const at = typeof raw === 'string' ? parseMoment(raw) : undefined;
    if (at === null) throw new CliError(cli.t('cli.briefing.badTime', { value: String(raw) }), 2, 'briefing');
    const depot = openAt(file, cli, { mustExist: true });
    try {
      const answer = await depot.invoke('stats.briefing', at ? { at } : {}, depot.systemSession(cli.locale));
      if (!answer.ok) throw refuse(answer.error.message);
      cli.out(answer.data.text);
    } finally {
      depot.close();
    }
  },
};
