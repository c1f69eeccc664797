import { useCallback, useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, ICellRendererParams, ITooltipParams } from 'ag-grid-community';
import type { Item, Location } from '../../../shared/contract/index.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, QtyCell, useGridLocale } from '../../widgets/grid.tsx';
import { fenFromYuan, yuan } from '../../widgets/format.ts';
import { ItemPicker, keepArrowsInPicker } from '../../widgets/ItemPicker.tsx';
import { baseUnits, cellKey, isBlank, type LineDraft, type LineField } from './lines.ts';

export interface LineRow extends LineDraft {
  lineNo: number;
}

const getRowId = (p: GetRowIdParams<LineRow>) => p.data.key;

/**
 * The receipt's lines. The grid never changes a line itself (readOnlyEdit): every edit goes to
 * the editor's state through onEdit, which also says what is wrong with it; refusals stay
 * marked at their cell, with the reason on hover.
 */
export function LinesGrid({
  lines,
  items,
  locations,
  editable,
  errors,
  onEdit,
  onRemove,
  apiRef,
}: {
  lines: LineRow[];
  items: ReadonlyMap<number, Item>;
  locations: readonly Location[];
  editable: boolean;
  errors: ReadonlyMap<string, string>;
  onEdit(key: string, field: LineField, value: unknown): void;
  onRemove(key: string): void;
  apiRef: RefObject<GridApi<LineRow> | null>;
}) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const itemList = useMemo(() => [...items.values()].filter((i) => i.active), [items]);
  const locationCode = useMemo(() => new Map(locations.map((l) => [l.id, l.code])), [locations]);

  const columnDefs = useMemo((): ColDef<LineRow>[] => {
    const itemOf = (row: LineRow | undefined) => (row?.itemId == null ? undefined : items.get(row.itemId));
    const qtyOf = (row: LineRow | undefined, field: 'counted' | 'rejected' | 'accepted') => {
      const item = itemOf(row);
      if (!row) return undefined;
      if (field !== 'accepted') return baseUnits(row[field], item);
      const counted = baseUnits(row.counted, item);
      const rejected = baseUnits(row.rejected, item) ?? 0;
      return counted == null || rejected === undefined ? undefined : counted - rejected;
    };
    const refusal = (p: { data?: LineRow | undefined }, field: string) => (p.data ? errors.get(cellKey(p.data.key, field)) : undefined);
    const col = (field: LineField, def: ColDef<LineRow>): ColDef<LineRow> => ({
      colId: field,
      headerName: t(`receiving.col.${field}`),
      editable: editable,
      cellClassRules: { 'cell-refused': (p) => refusal(p, field) !== undefined },
      tooltipValueGetter: (p: ITooltipParams<LineRow>) => refusal(p, field),
      cellDataType: false,
      ...def,
    });
    // A quantity cell is edited as typed ("20箱 3盒") and shows base units with packs once it reads.
    const qtyCol = (field: 'counted' | 'rejected', width: number): ColDef<LineRow> =>
      col(field, {
        width,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.[field] ?? '',
        cellEditor: 'agTextCellEditor',
        cellRenderer: (p: ICellRendererParams<LineRow>) => {
          const qty = qtyOf(p.data, field);
          const item = itemOf(p.data);
          if (qty === undefined) return <span className="error-text">{p.data?.[field]}</span>;
          return qty === null || !item ? (qty ?? '') : <QtyCell qty={qty} unit={item.unit} packs={item.packs} />;
        },
      });

    return [
      {
        colId: 'lineNo',
        headerName: '#',
        width: 64,
        sortable: false,
        resizable: false,
        cellClass: 'soft line-no',
        valueGetter: (p) => p.data?.lineNo,
        // The line's number, and the button that removes it (a started line only; the blank one at the bottom stays).
        cellRenderer: (p: ICellRendererParams<LineRow>) =>
          p.data ? (
            <span className="line-no">
              {p.data.lineNo}
              {editable && !isBlank(p.data) && (
                <button type="button" className="remove-line" title={t('receiving.removeLine', { n: p.data.lineNo })} aria-label={t('receiving.removeLine', { n: p.data.lineNo })} onClick={() => onRemove(p.data!.key)}>
                  ×
                </button>
              )}
            </span>
          ) : null,
      },
      col('itemId', {
        flex: 1,
        minWidth: 220,
        valueGetter: (p) => itemOf(p.data)?.code ?? '',
        valueFormatter: (p) => {
          const item = itemOf(p.data);
          return item ? `${item.code} ${item.name} ${item.spec}` : '';
        },
        cellRenderer: (p: ICellRendererParams<LineRow>) => {
          const item = itemOf(p.data);
          return item ? (
            <span>
              {item.code} {item.name} <span className="soft">{item.spec}</span>
            </span>
          ) : null;
        },
        tooltipValueGetter: (p: ITooltipParams<LineRow>) => {
          const item = itemOf(p.data);
          return refusal(p, 'itemId') ?? (item ? `${item.code} ${item.name} ${item.spec}` : undefined);
        },
        cellEditor: ItemPicker,
        cellEditorParams: { items: itemList },
        cellEditorPopup: true,
        suppressKeyboardEvent: keepArrowsInPicker,
      }),
      col('lotNo', { width: 110, valueGetter: (p) => p.data?.lotNo ?? '', cellEditor: 'agTextCellEditor' }),
      // Dates are typed as text (20281031, 2028/10/31 …) and shown as yyyy-mm-dd: the browser's date
      // editor drops what it cannot read and shows the date in the machine's locale.
      col('producedOn', { width: 110, valueGetter: (p) => p.data?.producedOn ?? '', cellEditor: 'agTextCellEditor' }),
      col('expiresOn', {
        width: 110,
        valueGetter: (p) => p.data?.expiresOn ?? (p.data?.noExpiryReason ? t('receiving.noExpiryShown', { reason: p.data.noExpiryReason }) : ''),
        cellEditor: 'agTextCellEditor',
        tooltipValueGetter: (p) => refusal(p, 'expiresOn') ?? ((p.value as string) || undefined),
      }),
      // Where it goes and whether it is inspected sit beside the lot, in view on a 1366-pixel screen
      // (at the far right they were off-screen and every line quietly took the default bin).
      col('locationId', {
        width: 84,
        valueGetter: (p) => (p.data?.locationId == null ? '' : (locationCode.get(p.data.locationId) ?? '')),
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: locations.filter((l) => l.active).map((l) => l.code) },
      }),
      col('inspection', {
        width: 76,
        valueGetter: (p) => p.data?.inspection ?? 'accepted',
        refData: { accepted: t('receiving.inspectionAccepted'), pending: t('lotStatus.pending') },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['accepted', 'pending'] },
        cellClassRules: { 'cell-pending': (p) => p.value === 'pending', 'cell-refused': (p) => refusal(p, 'inspection') !== undefined },
      }),
      qtyCol('counted', 140),
      qtyCol('rejected', 100),
      col('rejectReason', { width: 110, valueGetter: (p) => p.data?.rejectReason ?? '', cellEditor: 'agTextCellEditor', tooltipValueGetter: (p) => refusal(p, 'rejectReason') ?? (p.value as string) }),
      {
        colId: 'accepted',
        headerName: t('receiving.col.accepted'),
        width: 140,
        type: 'rightAligned',
        valueGetter: (p) => qtyOf(p.data, 'accepted') ?? null,
        cellRenderer: (p: ICellRendererParams<LineRow>) => {
          const qty = qtyOf(p.data, 'accepted');
          const item = itemOf(p.data);
          return qty == null || !item ? null : <QtyCell qty={qty} unit={item.unit} packs={item.packs} />;
        },
        // More rejected than counted: the core will refuse it; the screen already shows it in red.
        cellClassRules: { 'cell-negative': (p) => typeof p.value === 'number' && p.value < 0 },
      },
      col('unitCost', {
        width: 88,
        type: 'rightAligned',
        valueGetter: (p) => p.data?.unitCost ?? '',
        valueFormatter: (p) => {
          const fen = fenFromYuan(String(p.value ?? ''));
          return fen === undefined ? String(p.value) : yuan(fen);
        },
        cellEditor: 'agTextCellEditor',
      }),
      {
        colId: 'amount',
        headerName: t('receiving.col.amount'),
        width: 100,
        type: 'rightAligned',
        valueGetter: (p) => {
          const qty = qtyOf(p.data, 'accepted');
          const fen = fenFromYuan(p.data?.unitCost ?? '');
          return qty == null || fen == null ? null : qty * fen;
        },
        valueFormatter: (p) => yuan(p.value as number | null),
        cellClassRules: { 'cell-negative': (p) => typeof p.value === 'number' && p.value < 0 },
      },
    ];
  }, [t, editable, items, itemList, locations, locationCode, errors, onRemove]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<LineRow>) => {
      const field = e.colDef.colId as LineField;
      if (!e.data) return;
      onEdit(e.data.key, field, e.newValue);
    },
    [onEdit],
  );

  return (
    <div className="grid lines-grid">
      <AgGridReact<LineRow>
        key={locale}
        theme={gridTheme}
        localeText={localeText}
        rowData={lines}
        columnDefs={columnDefs}
        defaultColDef={{ ...defaultColDef, sortable: false }}
        getRowId={getRowId}
        readOnlyEdit
        // Rows refetched after a change stay put instead of sliding (and a row never shows twice while it fades).
        animateRows={false}
        onCellEditRequest={onCellEditRequest}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={150}
        rowClassRules={{ 'row-blank': (p) => editable && !!p.data && isBlank(p.data) }}
        onGridReady={(e) => (apiRef.current = e.api)}
      />
    </div>
  );
}
