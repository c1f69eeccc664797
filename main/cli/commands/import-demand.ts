import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { CliError, refuse, required, type Args, type Cli, type Command } from '../command.ts';
import { openAt } from '../open.ts';

const SHOWN_ERRORS = 20;

/**
 * `depot import demand FILE.xlsx --day DATE`: a unit's (or a combined) demand workbook as the
 * day's reports — the desk's preview and commit in one go. Every row or none, unless
 * --valid-only says to leave out the rows in error. --unit names the unit of a one-unit sheet
 * whose title does not.
 */
async function importDemand(args: Args, cli: Cli): Promise<void> {
  const path = args.positionals[1];
  if (!path) throw new CliError(cli.t('cli.importDemand.what'), 2, 'import');
  const day = required(args, 'day', cli, 'import');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new CliError(cli.t('cli.importDemand.badDay', { value: day }), 2, 'import');
  const depot = openAt(required(args, 'db', cli, 'import'), cli, { mustExist: true });
  try {
    const session = depot.systemSession(cli.locale);
    let unitId: number | undefined;
    const unit = args.options.unit;
    if (typeof unit === 'string') {
      const units = await depot.invoke('units.list', {}, session);
      if (!units.ok) throw refuse(units.error.message);
      unitId = units.data.find((u) => u.code === unit || u.name === unit)?.id;
      if (unitId === undefined) throw refuse(cli.t('cli.importDemand.unknownUnit', { unit }));
    }
    const input = { path: resolve(path), day, unitId };
    const preview = await depot.invoke('demand.importPreview', input, session);
    if (!preview.ok) throw refuse(preview.error.message);
    const p = preview.data;
    cli.out(cli.t('cli.import.read', { file: path, sheet: p.sheet, row: p.headerRow, total: p.total }));
    if (p.unit) cli.out(cli.t('cli.importDemand.unit', { name: p.unit.name, from: cli.t(`cli.importDemand.from.${p.unitFrom}`) }));
    p.warnings.forEach((w) => cli.out(`  ${w}`));
    const validOnly = args.options['valid-only'] === true;
    if (p.errors.length > 0) {
      for (const e of p.errors.slice(0, SHOWN_ERRORS)) cli.out(cli.t('cli.import.rowError', { ...e }));
      if (p.errors.length > SHOWN_ERRORS) cli.out(cli.t('cli.import.moreErrors', { count: p.errors.length - SHOWN_ERRORS }));
      if (!validOnly) throw refuse(cli.t('cli.importDemand.refused', { count: p.errorRows }));
    }
    const done = await depot.invoke('demand.importCommit', { ...input, mode: validOnly ? 'validOnly' : 'all', requestId: randomUUID() }, session);
    if (!done.ok) throw refuse(done.error.message);
    cli.out(cli.t('cli.importDemand.done', { count: done.data.imported, units: done.data.units }));
    if (done.data.leftOut > 0) cli.out(cli.t('cli.importDemand.leftOut', { count: done.data.leftOut }));
  } finally {
    await depot.close();
  }
}

/**
 * The `import` command with `demand` added beside the ledger's kinds (items, suppliers, units,
 * stock): `depot import demand …` runs here, every other kind runs the command it wraps (whose
 * usage line and summary stay as they are).
 */
export function withDemand(other: Command): Command {
  return {
    ...other,
    options: { ...other.options, day: { type: 'string' }, unit: { type: 'string' }, 'valid-only': { type: 'boolean' } },
    maxPositionals: Math.max(other.maxPositionals ?? 0, 2),
    run: (args, cli) => (args.positionals[0] === 'demand' ? importDemand(args, cli) : other.run(args, cli)),
  };
}
