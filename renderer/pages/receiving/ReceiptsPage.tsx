import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { ReceiptSummary } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import { mayCall, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localDay, localTime, yuan } from '../../widgets/format.ts';
import { ReceiptBadges, ReceiptEditor } from './ReceiptEditor.tsx';
import './receiving.css';
import { useOpenDocument } from '../../shell/open-doc.ts';

const PERIODS = ['today', 'week', 'month', 'all'] as const;
type Period = (typeof PERIODS)[number];

function since(period: Period): string | undefined {
  if (period === 'all') return undefined;
  const d = new Date();
  d.setDate(d.getDate() - (period === 'today' ? 0 : period === 'week' ? 6 : 29));
  return localDay(d);
}

/** 入库: the receipts, newest (today's) first; a receipt opens in the editor. */
export function ReceiptsPage({ role }: { role: Role }) {
  const [open, setOpen] = useState<number | 'new' | null>(null);
  useOpenDocument('receipt', setOpen);
  if (open !== null) {
    return <ReceiptEditor key={open} id={open === 'new' ? null : open} role={role} onClose={() => setOpen(null)} />;
  }
  return <ReceiptList role={role} onOpen={setOpen} />;
}

function ReceiptList({ role, onOpen }: { role: Role; onOpen(id: number | 'new'): void }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const [period, setPeriod] = useState<Period>('all');
  const [status, setStatus] = useState<'' | 'draft' | 'posted'>('');
  const [filter, setFilter] = useState('');
  const from = since(period);
  const scope = { ...(from ? { from } : {}), ...(status ? { status } : {}) };
  const list = useQuery('receipts.list', scope);
  // The list stops at 500: the page says how many there are in all.
  const total = useQuery('receipts.count', scope);
  const today = localDay();

  const columnDefs = useMemo((): ColDef<ReceiptSummary>[] => {
    // A reversal (红冲) is written in red ink: its figures count against the receipt it reverses.
    const sign = (r: ReceiptSummary | undefined) => (r?.reversesId != null ? -1 : 1);
    const num = (colId: 'counted' | 'accepted' | 'rejected', header: string): ColDef<ReceiptSummary> => ({
      colId,
      headerName: header,
      type: 'rightAligned',
      width: 110,
      valueGetter: (p) => (p.data ? sign(p.data) * p.data.totals[colId] || 0 : null),
      valueFormatter: (p) => fmtNumber(p.value as number),
      cellClassRules: { 'error-text': (p) => (colId === 'rejected' && (p.value as number) > 0) || (p.value as number) < 0 },
    });
    return [
      {
        colId: 'receivedAt',
        headerName: t('field.receivedAt'),
        width: 190,
        sort: 'desc',
        valueGetter: (p) => p.data?.receivedAt,
        cellRenderer: (p: ICellRendererParams<ReceiptSummary>) =>
          p.data ? (
            <span>
              {localTime(p.data.receivedAt)}
              {localDay(new Date(p.data.receivedAt)) === today && <span className="badge info today">{t('receiving.today')}</span>}
            </span>
          ) : null,
      },
      { colId: 'no', headerName: t('receiving.no'), width: 170, valueGetter: (p) => p.data?.no ?? t('receiving.noNumberYet'), cellClass: (p) => (p.data?.no ? 'mono' : 'soft') },
      {
        colId: 'status',
        headerName: t('field.status'),
        width: 250,
        valueGetter: (p) => (p.data ? t(`receiptStatus.${p.data.status}`) : ''),
        cellRenderer: (p: ICellRendererParams<ReceiptSummary>) => (p.data ? <ReceiptBadges receipt={p.data} /> : null),
      },
      { colId: 'sourceType', headerName: t('field.sourceType'), width: 110, valueGetter: (p) => (p.data ? t(`sourceType.${p.data.sourceType}`) : '') },
      { colId: 'party', headerName: t('receiving.party'), flex: 1, minWidth: 200, valueGetter: (p) => p.data?.supplierName ?? p.data?.unitName ?? '' },
      { colId: 'reference', headerName: t('field.reference'), width: 150, valueGetter: (p) => p.data?.reference },
      { colId: 'vehicle', headerName: t('field.vehicle'), width: 110, valueGetter: (p) => p.data?.vehicle },
      { colId: 'lines', headerName: t('receiving.lines'), type: 'rightAligned', width: 80, valueGetter: (p) => p.data?.totals.lines },
      num('counted', t('receiving.col.counted')),
      num('rejected', t('receiving.col.rejected')),
      num('accepted', t('receiving.col.accepted')),
      {
        colId: 'amount',
        headerName: t('receiving.amountYuan'),
        type: 'rightAligned',
        width: 130,
        valueGetter: (p) => (p.data?.totals.amount == null ? null : sign(p.data) * p.data.totals.amount),
        valueFormatter: (p) => yuan(p.value as number | null),
        cellClassRules: { 'error-text': (p) => (p.value as number | null) !== null && (p.value as number) < 0 },
      },
      { colId: 'createdBy', headerName: t('receiving.createdBy'), width: 100, valueGetter: (p) => p.data?.createdBy },
    ];
  }, [t, today]);

  return (
    <section className="page" aria-labelledby="receipts-title">
      <div className="toolbar">
        <h2 id="receipts-title">{t('nav.receipts')}</h2>
        <label className="inline">
          <span>{t('receiving.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`receiving.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('field.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('receiving.allStatuses')}</option>
            <option value="draft">{t('receiptStatus.draft')}</option>
            <option value="posted">{t('receiptStatus.posted')}</option>
          </select>
        </label>
        <input type="search" className="quick-filter" placeholder={t('action.filter')} aria-label={t('action.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="row-count">
          {list.data &&
            (total.data && total.data.total > list.data.length
              ? t('receiving.rowsOf', { count: list.data.length, total: total.data.total.toLocaleString('en-US') })
              : t('grid.rows', { count: list.data.length }))}
        </span>
        <span className="spacer" />
        {mayCall('receipts.saveDraft', role) && (
          <button type="button" className="primary" onClick={() => onOpen('new')}>
            {t('receiving.new')}
          </button>
        )}
      </div>
      <div className="status-line" role="status">
        {list.error ? list.error.message : t('receiving.listHint')}
      </div>
      <div className="grid">
        <AgGridReact<ReceiptSummary>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={list.data}
          loading={list.loading && !list.data}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p) => String(p.data.id)}
          quickFilterText={filter}
          rowClassRules={{ 'row-draft': (p) => p.data?.status === 'draft', 'row-reversed': (p) => p.data?.reversedById != null }}
          onRowClicked={(e) => e.data && onOpen(e.data.id)}
          onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && onOpen(e.data.id)}
          rowStyle={{ cursor: 'pointer' }}
        />
      </div>
    </section>
  );
}
