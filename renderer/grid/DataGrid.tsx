import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, GetRowIdParams, GridApi, ProcessCellForExportParams } from 'ag-grid-community';
import type { Role } from '../../shared/domain.ts';
import { command, mayCall, useQuery, type CommandInput } from '../api.ts';
import { gridLocale, isLocale } from '../i18n.ts';
import { gridTheme } from '../theme.ts';
import { columnFor, refusalKey, toWire, unchanged } from './columns.ts';
import { AddRowForm } from './AddRowForm.tsx';
import type { GridRow, PageSpec } from './spec.ts';

interface Status {
  kind: 'saved' | 'refused';
  text: string;
}

const getRowId = (p: GetRowIdParams<GridRow>) => String(p.data.id);

/**
 * The one editable grid behind every master-data page. Edits are sent to the core cell by
 * cell with the row's version; the grid never changes a row itself (readOnlyEdit), so a
 * refused edit simply leaves the old value in place, marked with the reason.
 */
export function DataGrid({ spec, role }: { spec: PageSpec; role: Role }) {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  const [includeInactive, setIncludeInactive] = useState(false);
  const { data, error, loading, refresh, setData } = useQuery(spec.list, spec.inactiveToggle ? { includeInactive } : {});
  const rows = data as GridRow[] | undefined;
  const canEdit = mayCall(spec.update, role);
  const canCreate = mayCall(spec.create, role);

  const [filter, setFilter] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [adding, setAdding] = useState(false);
  const api = useRef<GridApi<GridRow> | null>(null);
  const refusals = useRef(new Map<string, string>()).current;
  // Edits of one row go one after another, each with the version the previous one returned.
  const queue = useRef(Promise.resolve());
  const versions = useRef(new Map<number, number>()).current;
  const revealId = useRef<number | null>(null);

  const columnDefs = useMemo(
    () => spec.fields.map((f) => columnFor(f, t, canEdit, refusals)),
    // t changes identity with the language, which also renames every header.
    [spec, t, canEdit, refusals],
  );

  const putRow = useCallback(
    (row: GridRow) => {
      versions.set(row.id, row.version);
      setData((old) => {
        const list = (old ?? []) as unknown as GridRow[];
        const next = list.some((r) => r.id === row.id) ? list.map((r) => (r.id === row.id ? row : r)) : [...list, row];
        return next as unknown as typeof old;
      });
    },
    [setData, versions],
  );

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      const f = spec.fields.find((x) => x.field === e.colDef.field);
      if (!f || !e.data) return;
      const { id } = e.data;
      const wire = toWire(f, e.newValue);
      if (unchanged(f, e.data, wire)) return;
      const key = refusalKey(id, f.field);
      queue.current = queue.current.then(async () => {
        // The newest version known: the one an earlier edit returned, or a refreshed list's.
        const version = Math.max(versions.get(id) ?? 0, e.api.getRowNode(String(id))?.data?.version ?? e.data.version);
        const input = { id, version, changes: { [f.field]: wire } };
        const result = await command(spec.update, input as CommandInput<typeof spec.update>);
        if (result.ok) {
          refusals.delete(key);
          putRow(result.data as unknown as GridRow);
          setStatus({ kind: 'saved', text: t('grid.saved') });
        } else {
          refusals.set(key, result.error.message);
          setStatus({ kind: 'refused', text: t('grid.refused', { message: result.error.message }) });
          // Someone else changed the row: show what it is now, so the next edit can succeed.
          if (result.error.code === 'stale') refresh();
        }
        const node = e.api.getRowNode(String(id));
        if (node) e.api.refreshCells({ rowNodes: [node], columns: [f.field], force: true });
      });
    },
    [spec, t, putRow, refresh, refusals, versions],
  );

  const onCreated = useCallback(
    (row: GridRow) => {
      setAdding(false);
      revealId.current = row.id;
      putRow(row);
      setStatus({ kind: 'saved', text: t('grid.saved') });
    },
    [putRow, t],
  );

  const onRowDataUpdated = useCallback(() => {
    const id = revealId.current;
    const node = id === null ? undefined : api.current?.getRowNode(String(id));
    if (!node || !api.current) return;
    revealId.current = null;
    api.current.ensureNodeVisible(node, 'middle');
    api.current.flashCells({ rowNodes: [node] });
  }, []);

  const exportCsv = () => {
    const stamp = new Date().toISOString().slice(0, 10);
    api.current?.exportDataAsCsv({
      fileName: `${t(`nav.${spec.id}`)}-${stamp}.csv`,
      columnKeys: spec.fields.filter((f) => f.kind !== 'password').map((f) => f.field),
      // Booleans as words (是/否) rather than true/false, like the cells' meaning.
      processCellCallback: (p: ProcessCellForExportParams<GridRow>) => p.formatValue(p.value) as string,
    });
  };

  return (
    <section className="page" aria-labelledby={`${spec.id}-title`}>
      <div className="toolbar">
        <h2 id={`${spec.id}-title`}>{t(`nav.${spec.id}`)}</h2>
        <input
          type="search"
          className="quick-filter"
          placeholder={t('action.filter')}
          aria-label={t('action.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {spec.inactiveToggle && (
          <label className="check">
            <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
            {t('action.showInactive')}
          </label>
        )}
        <span className="row-count" aria-live="polite">
          {count !== null && t('grid.rows', { count })}
        </span>
        <span className="spacer" />
        {canCreate && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            {t('action.add')}
          </button>
        )}
        <button type="button" onClick={exportCsv}>
          {t('action.exportCsv')}
        </button>
      </div>
      {adding && <AddRowForm spec={spec} onCreated={onCreated} onCancel={() => setAdding(false)} />}
      <div className={`status-line ${status?.kind ?? ''}`} role="status">
        {status?.text ?? (error ? error.message : canEdit ? t('grid.editHint') : t('grid.readOnly'))}
      </div>
      <div className="grid">
        <AgGridReact<GridRow>
          // AG Grid reads its locale texts once; a new language builds a new grid.
          key={locale}
          theme={gridTheme}
          localeText={gridLocale[locale]}
          rowData={rows}
          loading={loading && !rows}
          columnDefs={columnDefs}
          // The quick filter finds rows by any shown text; per-column filter and menu buttons would crowd the Chinese headers.
          defaultColDef={{
            sortable: true,
            filter: false,
            suppressHeaderMenuButton: true,
            resizable: true,
            minWidth: 64,
            wrapHeaderText: true,
            autoHeaderHeight: true,
          }}
          getRowId={getRowId}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          stopEditingWhenCellsLoseFocus
          singleClickEdit={false}
          quickFilterText={filter}
          rowClassRules={{ 'row-inactive': (p) => p.data?.active === false }}
          autoSizeStrategy={{ type: 'fitCellContents', scaleUpToFitGridWidth: true }}
          suppressColumnVirtualisation
          tooltipShowDelay={150}
          tooltipInteraction
          onGridReady={(e) => (api.current = e.api)}
          onModelUpdated={(e) => setCount(e.api.getDisplayedRowCount())}
          onRowDataUpdated={onRowDataUpdated}
        />
      </div>
    </section>
  );
}
