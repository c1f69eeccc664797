import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { DemandImportPreview, DemandImportRow } from '../../../shared/contract/allocation.ts';
import type { Unit } from '../../../shared/contract/master.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, invoke } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber } from '../../widgets/format.ts';
import { fileToBase64 } from './bytes.ts';

interface Chosen {
  fileBase64: string;
  fileName: string;
}

/**
 * 导入需求申报: choose the workbook (and the unit, for a unit's own sheet that does not name
 * it), see how its columns were read and every row with its problems at its sheet row, then
 * import all of it — or only the valid rows, when the operator says so.
 */
export function DemandImportDialog({ day, units, onClose, onImported }: { day: string; units: readonly Unit[]; onClose(): void; onImported(text: string): void }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const [file, setFile] = useState<Chosen | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [preview, setPreview] = useState<DemandImportPreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function read(chosen: Chosen, unit: number | null) {
    setReading(chosen.fileName);
    setError(null);
    setPreview(null);
    const result = await invoke('demand.importPreview', { ...chosen, day, unitId: unit ?? undefined });
    setReading(null);
    if (result.ok) setPreview(result.data);
    else setError(result.error);
  }

  async function pick(list: FileList | null) {
    const f = list?.[0];
    if (!f) return;
    const chosen = { fileBase64: await fileToBase64(f), fileName: f.name };
    setFile(chosen);
    await read(chosen, unitId);
  }

  async function commit(mode: 'all' | 'validOnly') {
    if (!file) return;
    setBusy(true);
    const result = await command('demand.importCommit', { ...file, day, unitId: unitId ?? undefined, mode });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onImported(t('demandPage.importDialog.done', { file: file.fileName, count: result.data.imported, units: result.data.units }));
  }

  const columnDefs = useMemo<ColDef<DemandImportRow>[]>(() => {
    const n = (field: 'onHand' | 'dailyNeed' | 'minimumNeed' | 'requested'): ColDef<DemandImportRow> => ({
      field,
      headerName: t(`demandImport.field.${field}`),
      type: 'rightAligned',
      minWidth: 96,
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : fmtNumber(p.value as number)),
    });
    return [
      { field: 'row', headerName: t('demandPage.importDialog.rowCol'), minWidth: 70, maxWidth: 80, pinned: 'left' },
      { field: 'unitName', headerName: t('demandImport.field.unitName'), minWidth: 140, wrapText: true, autoHeight: true },
      { field: 'itemCode', headerName: t('demandImport.field.itemCode'), minWidth: 96 },
      { field: 'itemName', headerName: t('demandImport.field.itemName'), minWidth: 150, wrapText: true, autoHeight: true },
      { field: 'unit', headerName: t('demandPage.col.measure'), minWidth: 64 },
      n('onHand'),
      n('dailyNeed'),
      n('minimumNeed'),
      n('requested'),
      {
        colId: 'problems',
        headerName: t('demandPage.importDialog.problems'),
        minWidth: 220,
        flex: 2,
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => p.data?.errors.map((e) => e.message).join('；') ?? '',
        cellClass: 'import-problems',
      },
    ];
  }, [t]);

  const p = preview;
  const unitLine = p && (p.unitFrom === 'column' ? t('demandPage.importDialog.fromColumn') : t(p.unitFrom === 'title' ? 'demandPage.importDialog.fromTitle' : 'demandPage.importDialog.fromChosen', { name: p.unit?.name ?? '' }));

  return (
    <Dialog
      wide
      title={t('demandPage.importDialog.title', { day })}
      onClose={onClose}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error.message}
            </span>
          )}
          {p && p.errorRows > 0 && !error && <span className="soft">{t('demandPage.importDialog.blocked')}</span>}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          {p && p.errorRows > 0 && p.valid > 0 && (
            <button type="button" disabled={busy} onClick={() => void commit('validOnly')}>
              {t('demandPage.importDialog.importValid', { count: p.valid })}
            </button>
          )}
          <button type="button" className="primary" disabled={busy || !p || p.errorRows > 0 || p.valid === 0} onClick={() => void commit('all')}>
            {t('demandPage.importDialog.importAll', { count: p?.valid ?? 0 })}
          </button>
        </>
      }
    >
      <div className="form-row">
        <label className="labelled">
          <span>{t('demandPage.importDialog.file')}</span>
          <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => void pick(e.target.files)} />
        </label>
        <label className="labelled">
          <span>{t('demandPage.importDialog.unit')}</span>
          <select
            value={unitId ?? ''}
            onChange={(e) => {
              const id = e.target.value ? Number(e.target.value) : null;
              setUnitId(id);
              if (file) void read(file, id);
            }}
          >
            <option value="">{t('demandPage.importDialog.unitAuto')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.code} {u.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {reading && <p className="soft" role="status">{t('demandPage.importDialog.reading', { file: reading })}</p>}
      {p && (
        <div className="import-summary" role="status">
          <p>
            <strong>{p.file}</strong> · {t('demandPage.importDialog.summary', { sheet: p.sheet, row: p.headerRow, total: p.total, valid: p.valid, errorRows: p.errorRows, skipped: p.skipped })}
          </p>
          <p>{unitLine}</p>
          <p className="import-mapping">
            <span className="soft">{t('demandPage.importDialog.mapping')}</span>
            {p.columns.map((c) => (
              <span key={c.column} className="badge info">
                {c.header} → {t(`demandImport.field.${c.field}`)}
              </span>
            ))}
          </p>
          {p.warnings.map((w) => (
            <p key={w} className="warn-text">
              {w}
            </p>
          ))}
        </div>
      )}
      {p && (
        <div className="import-grid">
          <AgGridReact<DemandImportRow>
            key={locale}
            theme={gridTheme}
            localeText={localeText}
            rowData={p.rows}
            columnDefs={columnDefs}
            defaultColDef={{ ...defaultColDef, flex: 1 }}
            getRowId={(r) => String(r.data.row)}
            rowClassRules={{ 'import-bad': (r) => (r.data?.errors.length ?? 0) > 0 }}
          />
        </div>
      )}
    </Dialog>
  );
}
