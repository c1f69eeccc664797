import { resolve } from 'node:path';
import { IMPORT_KINDS, type ImportKind } from '../../../shared/contract/ledger.ts';
import { CliError, refuse, required, type Command } from '../command.ts';
import { openAt } from '../open.ts';
import { randomUUID } from 'node:crypto';

const SHOWN_ERRORS = 20;

/**
 * `depot import items|suppliers|units|stock FILE.xlsx`: the desk's preview and commit in one go —
 * every row is checked first, and if any row is wrong the errors are listed and nothing is imported.
 */
export const importCommand: Command = {
  name: 'import',
  usage: `${IMPORT_KINDS.join('|')} FILE.xlsx --db FILE`,
  options: { db: { type: 'string' } },
  maxPositionals: 2,
  async run(args, cli) {
    const [kind, path] = args.positionals;
    if (!(IMPORT_KINDS as readonly string[]).includes(kind ?? '') || !path) throw new CliError(cli.t('cli.import.what'), 2, 'import');
    const file = required(args, 'db', cli, 'import');
    const depot = openAt(file, cli, { mustExist: true });
    try {
      const session = depot.systemSession(cli.locale);
      const preview = await depot.invoke('import.preview', { kind: kind as ImportKind, path: resolve(path) }, session);
      if (!preview.ok) throw refuse(preview.error.message);
      const p = preview.data;
      cli.out(cli.t('cli.import.read', { file: path, sheet: p.sheet, row: p.headerRow, total: p.total }));
      if (p.errorRows > 0) {
        for (const e of p.errors.slice(0, SHOWN_ERRORS)) cli.out(cli.t('cli.import.rowError', { ...e }));
        if (p.errors.length > SHOWN_ERRORS) cli.out(cli.t('cli.import.moreErrors', { count: p.errors.length - SHOWN_ERRORS }));
        throw refuse(cli.t('cli.import.refused', { count: p.errorRows }));
      }
      const done = await depot.invoke('import.commit', { previewId: p.previewId, requestId: randomUUID() }, session);
      if (!done.ok) throw refuse(done.error.message);
      cli.out(cli.t('cli.import.done', { kind: cli.t(`import.kind.${kind}`), count: done.data.imported }));
      if (done.data.receiptNo) cli.out(cli.t('cli.import.receipt', { no: done.data.receiptNo }));
    } finally {
      depot.close();
    }
  },
};
