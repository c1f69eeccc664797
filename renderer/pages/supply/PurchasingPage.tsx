import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridOptions } from 'ag-grid-community';
import type { LateDelivery, ProcurementPlan, ProcurementProposal, PurchaseOrderLine, PurchaseOrderSummary } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import { invoke, useQuery } from '../../api.ts';
import { ProcurementPanel } from './ProcurementPanel.tsx';
import { PrintPreview, type Shown } from '../../widgets/PrintPreview.tsx';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, qtyColumn, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localTime, yuan } from '../../widgets/format.ts';
import './supply.css';
import { useOpenDocument } from '../../shell/open-doc.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

type ProposalLine = ProcurementProposal['lines'][number];

/** A plain count column, its header from supply.page.col.<colId>. */
function num<T>(t: TFunction, colId: string, get: (r: T) => number, extra: ColDef<T> = {}): ColDef<T> {
  return {
    colId,
    headerName: t(`supply.page.col.${colId}`),
    type: 'rightAligned',
    width: 110,
    valueGetter: (p) => (p.data ? get(p.data) : null),
    valueFormatter: (p) => (p.value === null ? '' : fmtNumber(p.value as number)),
    ...extra,
  };
}

/** 采购: purchase orders with what each still has outstanding, late deliveries, and what to buy next and why. */
export function PurchasingPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const orders = useQuery('purchaseOrders.list', {});
  const late = useQuery('supply.late', {});
  const proposal = useQuery('procurement.compute', {});
  const [selected, setSelected] = useState<number | null>(null);
  useOpenDocument('purchaseOrder', setSelected);
  const drafts = useQuery('procurement.list', {});
  const [opened, setOpened] = useState<ProcurementPlan | null>(null);
  const openPlan = (id: number) => void invoke('procurement.get', { id }).then((r) => r.ok && setOpened(r.data));
  const order = useQuery('purchaseOrders.get', { id: selected ?? 0 });
  const shown = selected === null ? undefined : order.data;
  const [printing, setPrinting] = useState<Shown | null>(null);
  const [printNote, setPrintNote] = useState<string | null>(null);
  // The order for the supplier: previewed, then printed into the print history (a second print is marked 补打).
  async function previewOrder(id: number) {
    setPrintNote(null);
    const result = await invoke('purchaseOrders.print', { id, output: 'preview' });
    if (!result.ok) return setPrintNote(result.error.message);
    setPrinting({
      title: result.data.title,
      base64: result.data.pdfBase64 ?? '',
      pages: result.data.pages,
      history: { docType: 'purchase_order', docId: id },
      print: async () => {
        const printed = await invoke('purchaseOrders.print', { id, output: 'printer' });
        if (!printed.ok) throw new Error(printed.error.message);
        return printed.data.reprint > 0 ? t('receiving.print.reprinted', { title: printed.data.title, count: printed.data.reprint }) : t('receiving.print.printed', { title: printed.data.title });
      },
    });
  }

  const orderColumns = useMemo((): ColDef<PurchaseOrderSummary>[] => [
    { colId: 'no', headerName: t('supply.page.col.no'), width: 170, cellClass: 'mono', valueGetter: (p) => p.data?.no },
    { colId: 'supplier', headerName: t('supply.page.col.supplier'), flex: 1, minWidth: 200, valueGetter: (p) => p.data?.supplierName },
    {
      colId: 'status',
      headerName: t('supply.page.col.status'),
      width: 110,
      valueGetter: (p) => (p.data ? t(`supply.poStatus.${p.data.status}`) : ''),
      cellClassRules: { 'warn-text': (p) => p.data?.status === 'partly_received' },
    },
    num<PurchaseOrderSummary>(t, 'ordered', (o) => o.totals.ordered),
    num<PurchaseOrderSummary>(t, 'received', (o) => o.totals.received),
    num<PurchaseOrderSummary>(t, 'rejected', (o) => o.totals.rejected),
    num<PurchaseOrderSummary>(t, 'outstanding', (o) => o.totals.outstanding),
    { colId: 'amount', headerName: t('supply.page.col.amount'), type: 'rightAligned', width: 130, valueGetter: (p) => p.data?.totals.amount ?? null, valueFormatter: (p) => yuan(p.value as number | null) },
    { colId: 'createdAt', headerName: t('supply.page.col.createdAt'), width: 150, valueGetter: (p) => localTime(p.data?.createdAt) },
  ], [t]);

  const lineColumns = useMemo((): ColDef<PurchaseOrderLine>[] => {
    const q = (colId: keyof PurchaseOrderLine & string) => qtyColumn<PurchaseOrderLine>(colId, t(`supply.page.col.${colId}`), (l) => ({ qty: l[colId] as number, unit: l.unit, packs: l.packs }));
    return [
      { colId: 'item', headerName: t('supply.page.col.item'), flex: 1, minWidth: 180, valueGetter: (p) => (p.data ? `${p.data.itemCode} ${p.data.itemName}` : '') },
      q('ordered'),
      q('received'),
      q('rejected'),
      { ...q('outstanding'), cellClassRules: { 'error-text': (p) => p.data?.late === true } },
      { colId: 'unitPrice', headerName: t('supply.page.col.unitPrice'), type: 'rightAligned', width: 110, valueGetter: (p) => p.data?.unitPrice ?? null, valueFormatter: (p) => yuan(p.value as number | null) },
      {
        colId: 'promisedOn',
        headerName: t('supply.page.col.promisedOn'),
        width: 150,
        valueGetter: (p) => (p.data ? `${p.data.promisedOn ?? ''}${p.data.late ? ` ${t('supply.page.late')}` : ''}` : ''),
        cellClassRules: { 'error-text': (p) => p.data?.late === true },
      },
    ];
  }, [t]);

  const lateColumns = useMemo((): ColDef<LateDelivery>[] => [
    { colId: 'kind', headerName: t('supply.page.col.kind'), width: 90, valueGetter: (p) => (p.data ? t(`entity.${p.data.kind}`) : '') },
    { colId: 'no', headerName: t('supply.page.col.no'), width: 170, cellClass: 'mono', valueGetter: (p) => p.data?.no },
    { colId: 'party', headerName: t('supply.page.col.party'), flex: 1, minWidth: 180, valueGetter: (p) => p.data?.partyName },
    { colId: 'item', headerName: t('supply.page.col.item'), flex: 1, minWidth: 140, valueGetter: (p) => p.data?.itemName },
    { colId: 'dueOn', headerName: t('supply.page.col.dueOn'), width: 120, valueGetter: (p) => p.data?.dueOn },
    num<LateDelivery>(t, 'daysLate', (l) => l.daysLate, { width: 100, cellClass: 'error-text' }),
    num<LateDelivery>(t, 'outstanding', (l) => l.outstanding),
  ], [t]);

  const planColumns = useMemo((): ColDef<ProposalLine>[] => [
    { colId: 'item', headerName: t('supply.page.col.item'), width: 200, valueGetter: (p) => (p.data ? `${p.data.itemCode} ${p.data.itemName}` : '') },
    num<ProposalLine>(t, 'unmet', (l) => l.unmet),
    num<ProposalLine>(t, 'topUp', (l) => l.topUp),
    num<ProposalLine>(t, 'onOrder', (l) => l.onOrder),
    num<ProposalLine>(t, 'pledged', (l) => l.pledged),
    num<ProposalLine>(t, 'suggested', (l) => l.suggested, { cellClass: 'strong' }),
    { colId: 'how', headerName: t('supply.page.col.how'), flex: 1, minWidth: 320, wrapText: true, autoHeight: true, valueGetter: (p) => p.data?.how },
  ], [t]);

  const grid = <T,>(name: string, rows: T[] | undefined, columns: ColDef<T>[], rowId: (row: T) => string, extra: GridOptions<T> = {}) => (
    <div className={`grid supply-grid ${name}`}>
      <AgGridReact<T>
        key={locale}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => rowId(p.data)}
        {...extra}
      />
    </div>
  );

  return (
    <section className="page supply-page" aria-labelledby="purchasing-title">
      <div className="toolbar">
        <h2 id="purchasing-title">{t('nav.purchasing')}</h2>
        <span className="row-count">{t('supply.page.orders', { count: orders.data?.length ?? 0 })}</span>
      </div>
      <div className="supply-panels">
        <section aria-label={t('supply.page.ordersTitle')}>
          <h3>{t('supply.page.ordersTitle')}</h3>
          {grid('orders-grid', orders.data, orderColumns, (o) => String(o.id), {
            onRowClicked: (e) => e.data && setSelected(e.data.id),
            rowStyle: { cursor: 'pointer' },
            rowClassRules: { 'row-selected': (p) => p.data?.id === selected },
          })}
        </section>
        <section aria-label={t('supply.page.linesTitle')}>
          <h3>{shown ? t('supply.page.linesOf', { no: shown.no, supplier: shown.supplierName }) : t('supply.page.linesTitle')}</h3>
          {shown && (
            <div className="toolbar">
              <button type="button" onClick={() => void previewOrder(shown.id)}>
                {t('supply.page.printOrder')}
              </button>
              {printNote && <Refusal>{printNote}</Refusal>}
            </div>
          )}
          {shown ? grid('po-lines-grid', shown.lines, lineColumns, (l) => String(l.id)) : <p className="status-line">{t('supply.page.pickOrder')}</p>}
        </section>
        <section aria-label={t('supply.page.lateTitle')}>
          <h3>{t('supply.page.lateTitle')}</h3>
          {grid('late-grid', late.data, lateColumns, (l) => `${l.kind}:${l.id}:${l.itemName}`)}
        </section>
        <section aria-label={t('supply.page.planTitle')}>
          <h3>{proposal.data?.allocationPlanLabel ? t('supply.page.planFrom', { plan: proposal.data.allocationPlanLabel }) : t('supply.page.planTitle')}</h3>
          {grid('plan-grid', proposal.data?.lines, planColumns, (l) => String(l.itemId))}
          <div className="plan-drafts">
            {(drafts.data ?? [])
              .filter((p) => p.status === 'draft')
              .map((p) => (
                <button key={p.id} type="button" onClick={() => openPlan(p.id)}>
                  {t('supply.plan.open', { no: p.no })}
                </button>
              ))}
          </div>
          {proposal.data && (opened || proposal.data.lines.length > 0) && (
            <ProcurementPanel key={opened ? `plan-${opened.id}` : 'new'} proposal={proposal.data} role={role} opened={opened} />
          )}
        </section>
      </div>
      {printing && <PrintPreview shown={printing} onClose={() => setPrinting(null)} />}
    </section>
  );
}
