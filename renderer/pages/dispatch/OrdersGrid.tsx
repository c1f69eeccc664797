import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GetRowIdParams, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { DispatchSummary } from '../../../shared/contract/index.ts';
import { gridLocale, isLocale } from '../../i18n.ts';
import { gridTheme } from '../../theme.ts';
import { fmtNumber, localDay, shortTime } from './format.ts';
import { StatusChip } from './StatusChip.tsx';

type Row = DispatchSummary;

const getRowId = (p: GetRowIdParams<Row>) => String(p.data.id);

/**
 * The day's orders, urgent first (the core's order). A click opens an order; the check boxes
 * pick orders for the bulk actions (approval, printing).
 */
export function OrdersGrid(props: {
  rows: Row[] | undefined;
  loading: boolean;
  filter: string;
  openId: number | null;
  onOpen(id: number): void;
  onSelect(rows: Row[]): void;
  onCount(n: number): void;
}) {
  const { t, i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  const today = localDay();

  const columnDefs = useMemo((): ColDef<Row>[] => {
    const time = (field: 'createdAt' | 'approvedAt' | 'shippedAt' | 'deliveredAt'): ColDef<Row> => ({
      colId: field,
      headerName: t(`dispatch.col.${field}`),
      valueGetter: (p) => p.data?.[field] ?? null,
      valueFormatter: (p) => shortTime(p.value as string | null, today),
      width: 76,
    });
    return [
      { colId: 'no', field: 'no', headerName: t('dispatch.col.no'), pinned: 'left', width: 152, cellClass: 'dispatch-no' },
      {
        colId: 'priority',
        headerName: t('field.priority'),
        valueGetter: (p) => (p.data ? t(`priority.${p.data.priority}`) : ''),
        cellRenderer: (p: ICellRendererParams<Row>) =>
          p.data?.priority === 'urgent' ? <span className="dispatch-urgent">{t('priority.urgent')}</span> : t('priority.normal'),
        width: 76,
      },
      {
        colId: 'status',
        headerName: t('field.status'),
        valueGetter: (p) => (p.data ? t(`dispatchStatus.${p.data.status}`) : ''),
        cellRenderer: (p: ICellRendererParams<Row>) => (p.data ? <StatusChip status={p.data.status} /> : null),
        width: 88,
      },
      { colId: 'unitName', field: 'unitName', headerName: t('field.recipient'), tooltipValueGetter: (p) => `${p.data?.unitCode ?? ''} ${p.data?.unitName ?? ''}`, minWidth: 220, flex: 2 },
      {
        colId: 'kinds',
        headerName: t('dispatch.col.kindsPieces'),
        valueGetter: (p) => (p.data ? t('dispatch.kindsPieces', { kinds: p.data.totals.kinds, pieces: fmtNumber(p.data.totals.pieces) }) : ''),
        width: 116,
        type: 'rightAligned',
      },
      {
        colId: 'picked',
        headerName: t('dispatch.col.pickedShort'),
        valueGetter: (p) => p.data?.totals.picked ?? 0,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const o = p.data;
          // A draft has nothing picked yet: showing everything as short would cry wolf.
          if (!o || o.status === 'draft' || o.status === 'cancelled') return null;
          return (
            <span>
              {fmtNumber(o.totals.picked)}
              {o.totals.short > 0 && <span className="dispatch-short"> {t('dispatch.shortBy', { qty: fmtNumber(o.totals.short) })}</span>}
            </span>
          );
        },
        width: 110,
        type: 'rightAligned',
      },
      time('createdAt'),
      time('approvedAt'),
      time('shippedAt'),
      time('deliveredAt'),
      {
        colId: 'plan',
        headerName: t('dispatch.col.plan'),
        valueGetter: (p) => (p.data?.planId ? t('dispatch.planNo', { id: p.data.planId }) : ''),
        width: 84,
      },
      { colId: 'backorderOf', field: 'backorderOf', headerName: t('dispatch.col.backorderOf'), width: 152 },
      {
        colId: 'marks',
        headerName: t('dispatch.col.marks'),
        valueGetter: (p) => (p.data ? marks(p.data, t) : ''),
        cellClass: (p) => (p.data?.reversedByNo || p.data?.reversesNo ? 'dispatch-reversal' : undefined),
        minWidth: 130,
        flex: 1,
      },
    ];
  }, [t, today]);

  return (
    <div className="dispatch-grid">
      <AgGridReact<Row>
        key={locale}
        theme={gridTheme}
        localeText={gridLocale[locale]}
        rowData={props.rows}
        loading={props.loading && !props.rows}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: true, filter: false, suppressHeaderMenuButton: true, resizable: true, minWidth: 64, wrapHeaderText: true, autoHeaderHeight: true }}
        getRowId={getRowId}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
        selectionColumnDef={{ pinned: 'left', width: 48, minWidth: 48 }}
        quickFilterText={props.filter}
        rowClassRules={{
          'dispatch-row-open': (p) => p.data?.id === props.openId,
          'dispatch-row-cancelled': (p) => p.data?.status === 'cancelled',
        }}
        onRowClicked={(e) => {
          // A click on the check box selects; anywhere else opens the order.
          if (e.data && !(e.event?.target as HTMLElement | undefined)?.closest('.ag-selection-checkbox')) props.onOpen(e.data.id);
        }}
        onSelectionChanged={(e) => props.onSelect(e.api.getSelectedRows())}
        onModelUpdated={(e) => props.onCount(e.api.getDisplayedRowCount())}
        suppressColumnVirtualisation
        tooltipShowDelay={150}
      />
    </div>
  );
}

function marks(o: Row, t: TFunction): string {
  const out: string[] = [];
  if (o.reversesNo) out.push(t('dispatch.reverses', { no: o.reversesNo }));
  if (o.reversedByNo) out.push(t('dispatch.reversedBy', { no: o.reversedByNo }));
  if (o.prints > 0) out.push(t('dispatch.printedTimes', { count: o.prints }));
  return out.join(' · ');
}
