import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, ColGroupDef, GridApi, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { Plan, PlanDiff, PlanItem, PlanLine } from '../../../shared/contract/allocation.ts';
import { planLineReason } from '../../../shared/allocation-reasons.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber } from '../../widgets/format.ts';
import { wholeNumber } from './bytes.ts';
import type { PlanView } from './plan.ts';

const num = (p: ValueFormatterParams) => (p.value === null || p.value === undefined || p.value === '' ? '' : fmtNumber(p.value as number));
type QtyProps = Pick<ColDef, 'type' | 'width' | 'minWidth' | 'flex' | 'valueFormatter'>;
/** A number column: as wide as its figures (AG Grid would give every column 200 px), right-aligned, "1,200". */
const qty = (extra: Omit<QtyProps, 'type' | 'valueFormatter'> = {}): QtyProps => {
  const minWidth = extra.minWidth ?? 92;
  return { type: 'rightAligned', width: minWidth, minWidth, valueFormatter: num, ...extra };
};

/** What a line's reason is told from besides the line: the round's parameters and the items' packs. */
export type Round = Pick<Plan, 'params' | 'items'>;

/** Where an edited cell goes: the line and the number typed (undefined when it is not a whole number). */
export type OnEdit = (line: PlanLine, value: number | undefined) => void;

function editRequest(onEdit: OnEdit, lineOf: (e: CellEditRequestEvent) => PlanLine | undefined) {
  return (e: CellEditRequestEvent) => {
    const line = lineOf(e);
    if (!line) return;
    const value = wholeNumber(e.newValue);
    onEdit(line, value === null ? undefined : value);
  };
}

/**
 * Every line of the plan, item by item, tier by tier: need, what the rules gave, what the plan
 * gives (editable, with a reason), the shortfall and the reason in full — the long Chinese
 * sentences wrap, the row grows.
 */
export function LinesGrid({ lines, round, canEdit, onEdit }: { lines: PlanLine[]; round: Round; canEdit: boolean; onEdit: OnEdit }) {
  const { t, i18n } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const columnDefs = useMemo(
    (): ColDef<PlanLine>[] => [
      {
        colId: 'item',
        headerName: t('planPage.col.item'),
        width: 160,
        minWidth: 130,
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => (p.data ? t('planPage.named', { name: p.data.itemName, detail: p.data.itemCode }) : ''),
        // The code on a line of its own: two items may share a name (protective suits by size).
        cellRenderer: (p: ICellRendererParams<PlanLine>) => (
          <span className="alloc-item">
            {p.data?.itemName}
            <span className="soft">{p.data?.itemCode}</span>
          </span>
        ),
      },
      { field: 'unitName', headerName: t('planPage.col.unit'), minWidth: 150, flex: 1, wrapText: true, autoHeight: true },
      { colId: 'tier', headerName: t('planPage.col.tier'), width: 110, minWidth: 96, wrapText: true, autoHeight: true, valueGetter: (p) => (p.data ? t(`tier.${p.data.tier}`) : '') },
      { field: 'need', headerName: t('field.need'), ...qty({ minWidth: 84 }) },
      {
        field: 'allocated',
        headerName: t('field.allocated'),
        ...qty({ minWidth: 96 }),
        autoHeight: true,
        editable: canEdit,
        cellClass: 'alloc-editable',
        cellClassRules: { 'alloc-overridden': (p) => Boolean(p.data?.overrideReason) },
        // Under the figure: what the rules gave when it was changed, the top-up in it, the part-pack left out.
        cellRenderer: (p: ICellRendererParams<PlanLine>) => (
          <span className="alloc-figure">
            {p.valueFormatted}
            {p.data?.overrideReason && <span className="alloc-rule-figure">{t('planPage.ruleFigure', { n: fmtNumber(p.data.computed) })}</span>}
            {p.data && p.data.topUp > 0 && <span className="alloc-rule-figure">{t('planPage.topUpFigure', { n: fmtNumber(p.data.topUp) })}</span>}
            {p.data && p.data.earmarked > 0 && <span className="alloc-rule-figure">{t('supply.earmarkedFigure', { n: fmtNumber(p.data.earmarked) })}</span>}
            {p.data && p.data.packLeftOut > 0 && <span className="alloc-rule-figure">{t('planPage.packLeftOutFigure', { n: fmtNumber(p.data.packLeftOut) })}</span>}
          </span>
        ),
        tooltipValueGetter: (p) => (p.data?.overrideReason ? t('planPage.overridden', { computed: fmtNumber(p.data.computed) }) : undefined),
      },
      { field: 'shortfall', headerName: t('field.shortfall'), ...qty({ minWidth: 92 }), cellClassRules: { 'alloc-short': (p) => (p.value as number) > 0 } },
      {
        colId: 'reason',
        // Reasons arrive as data; only the rows on screen (and an export) are put into words.
        valueGetter: (p) => (p.data ? planLineReason(round, p.data, i18n) : ''),
        headerName: t('planPage.col.reason'),
        minWidth: 260,
        flex: 4,
        wrapText: true,
        autoHeight: true,
        cellClass: 'alloc-reason',
        // A missing staff count is something to fix, not just a figure: it shows under the reason.
        cellRenderer: (p: ICellRendererParams<PlanLine>) => (
          <span>
            {p.value as string}
            {p.data?.warning && <span className="warn-text alloc-warning">{p.data.warning}</span>}
          </span>
        ),
      },
      { field: 'overrideReason', headerName: t('field.overrideReason'), minWidth: 130, flex: 1.5, wrapText: true, autoHeight: true, cellClass: 'alloc-reason' },
    ],
    [t, i18n, round, canEdit],
  );
  return (
    <div className="grid alloc-grid">
      <AgGridReact<PlanLine>
        key={locale}
        theme={gridTheme}
        localeText={localeText}
        rowData={lines}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={(p) => `${p.data.unitId}:${p.data.itemId}`}
        readOnlyEdit
        onCellEditRequest={editRequest(onEdit, (e) => e.data as PlanLine)}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={150}
      />
    </div>
  );
}

interface MatrixRow {
  id: string;
  unitName: string;
  tier: string;
  cells: Record<number, PlanLine>;
  total?: boolean;
}

/**
 * The plan as units × items: need and allocation per item, the reason on hover; a totals row
 * at the bottom shows each item's allocation against what is available, red when it is more.
 */
export function MatrixGrid({ view, round, canEdit, onEdit }: { view: PlanView; round: Round; canEdit: boolean; onEdit: OnEdit }) {
  const { t, i18n } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const rows = useMemo<MatrixRow[]>(
    () =>
      view.units.map((u) => ({
        id: String(u.unitId),
        unitName: u.unitName,
        tier: t(`tier.${u.tier}`),
        cells: Object.fromEntries(view.lines.filter((l) => l.unitId === u.unitId).map((l) => [l.itemId, l])),
      })),
    [view, t],
  );
  const totals = useMemo<MatrixRow[]>(
    () => [{ id: 'total', unitName: t('planPage.col.total'), tier: '', total: true, cells: {} }],
    [t],
  );
  const columnDefs = useMemo<(ColDef<MatrixRow> | ColGroupDef<MatrixRow>)[]>(() => {
    const itemOf = new Map(view.items.map((it) => [it.itemId, it]));
    return [
      { field: 'unitName', headerName: t('planPage.col.unit'), pinned: 'left', width: 220, minWidth: 160, wrapText: true, autoHeight: true },
      { field: 'tier', headerName: t('planPage.col.tier'), pinned: 'left', width: 120, minWidth: 110, wrapText: true, autoHeight: true },
      ...view.items.map(
        (it): ColGroupDef<MatrixRow> => ({
          headerName: t('planPage.named', { name: it.itemName, detail: it.unit }),
          headerClass: it.over ? 'alloc-over-head' : undefined,
          children: [
            {
              colId: `need:${it.itemId}`,
              headerName: t('field.need'),
              ...qty({ minWidth: 84 }),
              valueGetter: (p) => (p.data?.total ? it.need : (p.data?.cells[it.itemId]?.need ?? null)),
            },
            {
              colId: `allocated:${it.itemId}`,
              headerName: t('field.allocated'),
              ...qty({ minWidth: 120 }),
              editable: (p) => canEdit && !p.data?.total && p.data?.cells[it.itemId] !== undefined,
              valueGetter: (p) => (p.data?.total ? itemOf.get(it.itemId)!.allocated : (p.data?.cells[it.itemId]?.allocated ?? null)),
              cellRenderer: (p: ICellRendererParams<MatrixRow>) => {
                if (!p.data?.total) return p.valueFormatted ?? '';
                const item = itemOf.get(it.itemId)!;
                return (
                  <span className={item.over ? 'alloc-over-text' : undefined}>
                    {fmtNumber(item.allocated)} / {fmtNumber(item.available)}
                  </span>
                );
              },
              cellClass: (p) => (p.data?.total ? (itemOf.get(it.itemId)!.over ? 'alloc-over-cell' : undefined) : 'alloc-editable'),
              cellClassRules: { 'alloc-overridden': (p) => Boolean(p.data?.cells[it.itemId]?.overrideReason) },
              tooltipValueGetter: (p) => {
                const l = p.data?.cells[it.itemId];
                if (p.data?.total) return itemOf.get(it.itemId)!.over ? t('planPage.overMark') : undefined;
                return l ? [planLineReason(round, l, i18n), l.overrideReason && t('planPage.labelled', { label: t('field.overrideReason'), text: l.overrideReason })].filter(Boolean).join('\n') : undefined;
              },
            },
          ],
        }),
      ),
    ];
  }, [view, round, t, i18n, canEdit]);
  return (
    <div className="grid alloc-grid">
      <AgGridReact<MatrixRow>
        key={locale}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        pinnedBottomRowData={totals}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.id}
        readOnlyEdit
        onCellEditRequest={editRequest(onEdit, (e) => (e.data as MatrixRow).cells[Number(String(e.column.getColId()).split(':')[1])])}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={150}
        suppressColumnVirtualisation
      />
    </div>
  );
}

/** A grid with a title and a CSV export of exactly what it shows. */
function Exportable<T>({ title, fileName, exportLabel, rowData, columnDefs, rowId, rowClassRules, className }: {
  title: string;
  fileName: string;
  exportLabel: string;
  rowData: T[];
  columnDefs: ColDef<T>[];
  rowId(row: T): string;
  rowClassRules?: Record<string, (p: { data?: T }) => boolean>;
  className?: string;
}) {
  const { locale, localeText } = useGridLocale();
  const api = useRef<GridApi<T> | null>(null);
  return (
    <section className={`alloc-table ${className ?? ''}`} aria-label={title}>
      <div className="alloc-table-head">
        <h4>{title}</h4>
        <span className="spacer" />
        <button type="button" className="small" onClick={() => api.current?.exportDataAsCsv({ fileName: `${fileName}.csv`, processCellCallback: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)) })}>
          {exportLabel}
        </button>
      </div>
      <div className="grid">
        <AgGridReact<T>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={rowData}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p) => rowId(p.data)}
          rowClassRules={rowClassRules}
          onGridReady={(e) => (api.current = e.api)}
        />
      </div>
    </section>
  );
}

/** Per item: available, reserve, allocated, shortfall; red where the plan gives away more than there is. */
export function ItemTotals({ items, day }: { items: PlanItem[]; day: string }) {
  const { t } = useTranslation();
  const columnDefs = useMemo(
    (): ColDef<PlanItem>[] => [
      {
        colId: 'item',
        headerName: t('planPage.col.item'),
        minWidth: 96,
        flex: 2,
        wrapText: true,
        autoHeight: true,
        valueGetter: (p) => (p.data ? t('planPage.named', { name: p.data.itemName, detail: p.data.unit }) : ''),
        cellRenderer: (p: ICellRendererParams<PlanItem>) => (
          <span>
            {p.value as string}
            {p.data?.over && <span className="badge bad alloc-over-badge">{t('planPage.overMark')}</span>}
            {p.data?.overReserve && !p.data.over && <span className="badge warn alloc-over-badge">{t('planPage.reserve')}</span>}
            {/* What stays in stock and why, on its own line: the panel is too narrow for more columns. */}
            {p.data && <span className="soft alloc-left">{t('planPage.unallocatedLine', { n: fmtNumber(p.data.unallocated), reason: p.data.unallocatedReason })}</span>}
          </span>
        ),
      },
      // Short headers: the panel is narrow (the full words are in the header tooltips).
      { field: 'available', headerName: t('planPage.totalsCol.available'), headerTooltip: t('planPage.col.available'), ...qty({ minWidth: 72 }) },
      { field: 'reserve', headerName: t('planPage.totalsCol.reserve'), headerTooltip: t('planPage.col.reserve'), ...qty({ minWidth: 64 }) },
      { field: 'allocated', headerName: t('planPage.totalsCol.allocated'), headerTooltip: t('field.allocated'), ...qty({ minWidth: 72 }), cellClassRules: { 'alloc-over-cell': (p) => Boolean(p.data?.over) } },
      { field: 'shortfall', headerName: t('planPage.totalsCol.shortfall'), headerTooltip: t('field.shortfall'), ...qty({ minWidth: 68 }), cellClassRules: { 'alloc-short': (p) => (p.value as number) > 0 } },
    ],
    [t],
  );
  return (
    <Exportable
      className="alloc-totals"
      title={t('planPage.totals')}
      fileName={t('planPage.shortfallFile', { day, what: t('planPage.col.item') })}
      exportLabel={t('planPage.exportItems')}
      rowData={items}
      columnDefs={columnDefs}
      rowId={(r) => String(r.itemId)}
      rowClassRules={{ 'alloc-over-row': (p) => Boolean(p.data?.over) }}
    />
  );
}

type UnitTotal = PlanView['units'][number];

/** Per unit: its tier, what it needed, what it gets, what it goes without. */
export function UnitShortfall({ units, day }: { units: UnitTotal[]; day: string }) {
  const { t } = useTranslation();
  const columnDefs = useMemo(
    (): ColDef<UnitTotal>[] => [
      { field: 'unitCode', headerName: t('field.code'), width: 100, minWidth: 90 },
      { field: 'unitName', headerName: t('planPage.col.unit'), minWidth: 220, flex: 2, wrapText: true, autoHeight: true },
      { colId: 'tier', headerName: t('planPage.col.tier'), width: 140, minWidth: 130, valueGetter: (p) => (p.data ? t(`tier.${p.data.tier}`) : '') },
      { field: 'need', headerName: t('field.need'), ...qty({ flex: 1 }) },
      { field: 'allocated', headerName: t('field.allocated'), ...qty({ flex: 1 }) },
      { field: 'shortfall', headerName: t('field.shortfall'), ...qty({ flex: 1 }), cellClassRules: { 'alloc-short': (p) => (p.value as number) > 0 } },
      { field: 'warning', headerName: '⚠', minWidth: 160, flex: 2, wrapText: true, autoHeight: true, cellClass: 'warn-text' },
    ],
    [t],
  );
  return (
    <Exportable
      className="alloc-units"
      title={t('planPage.tabs.units')}
      fileName={t('planPage.shortfallFile', { day, what: t('planPage.col.unit') })}
      exportLabel={t('planPage.exportUnits')}
      rowData={units}
      columnDefs={columnDefs}
      rowId={(r) => String(r.unitId)}
    />
  );
}

type Change = PlanDiff['changes'][number];

/** What changed against the last approved plan: unit, item, before, after. */
export function DiffGrid({ diff }: { diff: PlanDiff }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const columnDefs = useMemo(
    (): ColDef<Change>[] => [
      { field: 'unitName', headerName: t('planPage.col.unit'), minWidth: 220, flex: 2, wrapText: true, autoHeight: true },
      { field: 'itemName', headerName: t('planPage.col.item'), minWidth: 160, flex: 1, wrapText: true, autoHeight: true },
      { field: 'before', headerName: t('planPage.col.before'), ...qty({ flex: 1 }) },
      { field: 'after', headerName: t('planPage.col.after'), ...qty({ flex: 1 }) },
      {
        colId: 'change',
        headerName: t('planPage.col.change'),
        ...qty({ flex: 1 }),
        valueGetter: (p) => (p.data ? p.data.after - p.data.before : null),
        valueFormatter: (p) => (typeof p.value === 'number' ? `${p.value > 0 ? '+' : ''}${fmtNumber(p.value)}` : ''),
        cellClassRules: { 'alloc-short': (p) => (p.value as number) < 0 },
      },
    ],
    [t],
  );
  return (
    <div className="grid alloc-grid">
      <AgGridReact<Change>
        key={locale}
        theme={gridTheme}
        localeText={localeText}
        rowData={diff.changes}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={(p) => `${p.data.unitId}:${p.data.itemId}`}
      />
    </div>
  );
}
