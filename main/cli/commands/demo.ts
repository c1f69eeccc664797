import { resolve } from 'node:path';
import { refuse, required, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import { masterDataCounts, seedDemo } from '../demo.ts';
import { seedHistory } from '../demo-history.ts';
import { DEMO_ITEMS, DEMO_LOCATIONS, DEMO_UNITS } from '../demo-data.ts';

export const demo: Command = {
  name: 'demo',
  usage: '--db FILE [--days N]',
  options: { db: { type: 'string' }, days: { type: 'string' } },
  async run(args, cli) {
    const file = required(args, 'db', cli, 'demo');
    const days = Number(args.options.days ?? 14);
    if (!Number.isInteger(days) || days < 0 || days > 60) throw refuse(cli.t('cli.demo.badDays', { days: String(args.options.days) }));
    const depot = openAt(file, cli, { mustExist: false });
    try {
      const existing = await masterDataCounts(depot);
      // The demo's codes would clash with real data, and sample rows mixed into a live depot
      // could be dispatched by mistake: it goes only into an empty database.
      if (Object.values(existing).some((n) => n > 0)) throw refuse(cli.t('cli.error.notEmpty', { file, ...existing }));
      const counts = await seedDemo(depot);
      cli.out(cli.t('cli.demo.done', { file }));
      cli.out(`  ${cli.t('cli.demo.items', { count: counts.items, categories: distinct(DEMO_ITEMS.map((i) => i.category)) })}`);
      cli.out(`  ${cli.t('cli.demo.locations', { count: counts.locations, depots: distinct(DEMO_LOCATIONS.map((l) => l.depot)) })}`);
      cli.out(`  ${cli.t('cli.demo.suppliers', { count: counts.suppliers })}`);
      cli.out(`  ${cli.t('cli.demo.units', { count: counts.units, types: distinct(DEMO_UNITS.map((u) => u.type)) })}`);
    } finally {
      depot.close();
    }
    // Two weeks of business up to yesterday, so that every page shows something real on first look.
    if (days > 0) cli.out(`  ${cli.t('cli.demo.history', { ...(await seedHistory(resolve(file), { days })) })}`);
  },
};

const distinct = (values: unknown[]) => new Set(values).size;
