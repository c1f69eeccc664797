import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { IMPORT_KINDS, type ImportKind, type ImportPreview, type ImportResult } from '../../../shared/contract/ledger.ts';
import type { ChannelName } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, invoke, mayCall } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, yuan } from '../../widgets/format.ts';
import { JobProgress, useJob } from '../../widgets/job.tsx';
import './ledger.css';
import { shellFiles } from '../../widgets/files.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

/** A row of the preview grid: a row as it will be imported, or only the problems of a row beyond the preview. */
interface PreviewRow {
  row: number;
  values: Record<string, unknown> | null;
  problems: string[];
}

/**
 * Opening stock rows are read into a receipt line (quantity in base units, cost in fen), so the
 * grid shows those fields; master data rows show the fields the file's columns fed.
 */
const STOCK_FIELDS = ['itemCode', 'lotNo', 'producedOn', 'expiresOn', 'counted', 'unitCost', 'location'] as const;

/** Coded values (protective, makeshift_hospital…) in the operator's words. */
const CODED: Record<string, string> = { category: 'category', kind: 'supplierKind', type: 'unitType', tier: 'tier' };

function shown(field: string, value: unknown, kind: ImportKind, t: TFunction): string {
  if (value === null || value === undefined) return '';
  if (kind === 'stock' && field === 'unitCost') return yuan(value as number);
  if (typeof value === 'boolean') return value ? t('importPage.yes') : t('importPage.no');
  if (typeof value === 'number') return fmtNumber(value);
  if (typeof value === 'string') return CODED[field] ? t(`${CODED[field]}.${value}`, { defaultValue: value }) : value;
  if (Array.isArray(value)) return value.map((p: { unit?: string; per?: number }) => (p.unit ? `${p.unit}=${p.per}` : JSON.stringify(p))).join(', ');
  return JSON.stringify(value);
}

/** What an import writes, so that the page offers only the kinds the operator may import (the core checks the same). */
const WRITES = { items: 'items.create', suppliers: 'suppliers.create', units: 'units.create', stock: 'receipts.post' } as const satisfies Record<ImportKind, ChannelName>;

const fieldLabel = (field: string, t: TFunction) => (field === 'counted' ? t('field.quantity') : t(`field.${field}`, { defaultValue: field }));

/** Excel 导入: items, suppliers, recipient units or opening stock — read, checked row by row, then imported all or nothing. */
export function ImportPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const kinds = IMPORT_KINDS.filter((k) => mayCall(WRITES[k], role));
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'items');
  const [path, setPath] = useState('');
  const files = shellFiles();
  const job = useJob<ImportPreview>('import.preview');
  const [committing, setCommitting] = useState(false);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [commitError, setCommitError] = useState<AppError | null>(null);
  const preview = job.result && !job.result.cancelled ? job.result : null;

  async function read(e: FormEvent) {
    e.preventDefault();
    setImported(null);
    setCommitError(null);
    await job.run((jobId) => invoke('import.preview', { jobId, kind, path }));
  }

  async function commit() {
    if (!preview) return;
    setCommitting(true);
    setCommitError(null);
    const answer = await command('import.commit', { previewId: preview.previewId });
    setCommitting(false);
    if (!answer.ok) return setCommitError(answer.error);
    setImported(answer.data);
    job.reset();
  }

  const fields = useMemo(() => (preview ? (preview.kind === 'stock' ? [...STOCK_FIELDS] : preview.columns.map((c) => c.field)) : []), [preview]);

  const rows = useMemo((): PreviewRow[] => {
    if (!preview) return [];
    const byRow = new Map<number, PreviewRow>(preview.rows.map((r) => [r.row, { row: r.row, values: r.values, problems: [] }]));
    for (const e of preview.errors) {
      const r = byRow.get(e.row) ?? { row: e.row, values: null, problems: [] };
      r.problems.push(`${e.field}：${e.message}`);
      byRow.set(e.row, r);
    }
    return [...byRow.values()].sort((a, b) => a.row - b.row);
  }, [preview]);

  const columnDefs = useMemo((): ColDef<PreviewRow>[] => {
    const k = preview?.kind ?? 'items';
    return [
      { field: 'row', headerName: t('importPage.row'), width: 76, pinned: 'left', type: 'rightAligned' },
      ...fields.map(
        (f): ColDef<PreviewRow> => ({
          colId: f,
          headerName: fieldLabel(f, t),
          headerTooltip: preview?.columns.find((c) => c.field === f)?.header,
          minWidth: 96,
          flex: 1,
          valueGetter: (p) => (p.data?.values ? shown(f, p.data.values[f], k, t) : ''),
        }),
      ),
      {
        colId: 'problems',
        headerName: t('importPage.problems'),
        minWidth: 260,
        flex: 3,
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => p.data?.problems.join('；') ?? '',
        cellClass: 'import-problems',
      },
    ];
  }, [fields, preview, t]);

  const mayCommit = preview !== null && preview.errorRows === 0 && preview.total > 0;
  return (
    <div className="page ledger-page">
      <div className="toolbar">
        <h2>{t('nav.imports')}</h2>
        <span className="soft">{t('importPage.hint')}</span>
      </div>
      <form className="ledger-form import-form" onSubmit={(e) => void read(e)}>
        <label>
          <span>{t('importPage.kind')}</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              job.reset();
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`import.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="path-field">
          <span>{t('importPage.path')}</span>
          <input
            type="text"
            value={path}
            placeholder={files ? t('importPage.choosePlaceholder') : t('importPage.pathPlaceholder')}
            spellCheck={false}
            // In the desktop app the file comes from the system's open dialog, not typed.
            readOnly={files !== null}
            onChange={(e) => setPath(e.target.value)}
            aria-invalid={job.error?.field === 'path' ? true : undefined}
          />
        </label>
        {files && (
          <button
            type="button"
            onClick={() =>
              void files.choose({ mode: 'open', kind: 'import', name: '', type: 'xlsx' }).then((chosen) => {
                if (chosen === null) return;
                setPath(chosen);
                job.reset();
              })
            }
          >
            {t('importPage.choose')}
          </button>
        )}
        <div className="ledger-actions">
          <button type="submit" className="primary" disabled={job.running || committing || !path.trim()}>
            {t('importPage.read')}
          </button>
          {job.error && <Refusal>{job.error.message}</Refusal>}
        </div>
      </form>
      {job.running && <JobProgress label={t('importPage.progress')} progress={job.progress} cancelling={job.cancelling} onCancel={() => void job.cancel()} />}
      {job.result?.cancelled && (
        <p className="status-line" role="status">
          {t('importPage.readCancelled')}
        </p>
      )}
      {imported && (
        <p className="status-line saved" role="status">
          {t('importPage.imported', { count: imported.imported, kind: t(`import.kind.${imported.kind}`) })}
          {imported.receiptNo && ` ${t('importPage.openingReceipt', { no: imported.receiptNo })}`}
        </p>
      )}
      {preview && (
        <>
          <div className="import-summary" role="region" aria-label={t('importPage.previewTitle')}>
            <p>
              <strong>{preview.file}</strong> · {t('importPage.summary', { sheet: preview.sheet, row: preview.headerRow, total: fmtNumber(preview.total) })}{' '}
              {preview.errorRows > 0 ? <span className="error-text">{t('importPage.errorRows', { count: preview.errorRows })}</span> : <span className="saved-text">{t('importPage.noErrors')}</span>}
            </p>
            <p className="import-mapping">
              <span className="soft">{t('importPage.mapping')}</span>
              {preview.columns.map((c) => (
                <span key={c.column} className="badge info">
                  {c.header} → {fieldLabel(c.field, t)}
                </span>
              ))}
            </p>
            {preview.total > preview.rows.length && <p className="soft">{t('importPage.firstRows', { shown: preview.rows.length, total: fmtNumber(preview.total) })}</p>}
          </div>
          <div className="grid import-grid">
            <AgGridReact<PreviewRow>
              key={`${locale}-${preview.previewId}`}
              theme={gridTheme}
              localeText={localeText}
              rowData={rows}
              columnDefs={columnDefs}
              defaultColDef={defaultColDef}
              getRowId={(r) => String(r.data.row)}
              rowClassRules={{ 'import-bad': (r) => (r.data?.problems.length ?? 0) > 0 }}
            />
          </div>
          <div className="ledger-actions">
            <button type="button" className="primary" disabled={!mayCommit || committing} onClick={() => void commit()}>
              {t('importPage.commit', { count: preview.total, kind: t(`import.kind.${preview.kind}`) })}
            </button>
            {!mayCommit && preview.errorRows > 0 && <span className="soft">{t('importPage.blocked')}</span>}
            {commitError && <Refusal>{commitError.message}</Refusal>}
          </div>
        </>
      )}
      {!preview && !job.running && <p className="soft import-empty">{t('importPage.empty')}</p>}
    </div>
  );
}
