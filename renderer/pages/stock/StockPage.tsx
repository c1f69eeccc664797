import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams, RowClassParams } from 'ag-grid-community';
import { LOT_STATUSES } from '../../../shared/contract/receiving.ts';
import type { Input, LotStatus, StockList, StockRow } from '../../../shared/contract/index.ts';
import type { Category, Role } from '../../../shared/domain.ts';
import { invoke, mayCall, onEvent, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, QtyCell, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localDay, qtyText } from '../../widgets/format.ts';
import { LotStatusDialog, NEXT_STATUS } from './LotStatusDialog.tsx';
import { MoveDialog } from './MoveDialog.tsx';
import { StockCardDialog } from './StockCardDialog.tsx';
import { CategorySelect, LocationSelect } from './ScopeSelects.tsx';
import { findForPutAway } from './put-away.ts';
import { ScanField } from '../../widgets/ScanField.tsx';
import { pinyinKeys } from '../../../shared/search.ts';
import './stock.css';

/** A row of the grid: a balance, or the totals pinned at the bottom. */
type Row = StockRow | TotalRow;
interface TotalRow {
  total: true;
  rows: number;
  onHand: number;
  reserved: number;
  available: number;
}
const isTotal = (r: Row | undefined): r is TotalRow => r !== undefined && 'total' in r;

const EXPIRY_WINDOWS = ['', 'warn', '7', '90', '180'] as const;

export const STATUS_BADGE: Record<LotStatus, string> = { pending: 'warn', accepted: 'ok', rejected: 'bad', quarantined: 'frozen' };

/** 库存: balances by item × lot × location, what may be dispatched, expiry, and what to do about a lot. */
export function StockPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const [category, setCategory] = useState<Category | ''>('');
  const [locationId, setLocationId] = useState<number | ''>('');
  const [status, setStatus] = useState<LotStatus | ''>('');
  const [expiry, setExpiry] = useState<(typeof EXPIRY_WINDOWS)[number]>('');
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const [filter, setFilter] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [action, setAction] = useState<{ row: StockRow; kind: 'status' | 'move' | 'card'; scanned?: { pieces: number | null } } | null>(null);
  const [notice, setNotice] = useState('');
  const api = useRef<GridApi<Row> | null>(null);

  const locations = useQuery('locations.list', {});
  const items = useQuery('items.list', { includeInactive: true });
  // The warning window is the depot's setting; the grid learns it with the rows.
  const [warnDays, setWarnDays] = useState(30);
  const input: Input<'stock.list'> = {
    includeEmpty,
    ...(category ? { category } : {}),
    ...(locationId ? { locationId } : {}),
    ...(status ? { status } : {}),
    ...(expiry ? { expiringWithinDays: expiry === 'warn' ? warnDays : Number(expiry) } : {}),
  };
  // Not refetched whole after every posting (30,000 rows, megabytes): a change names the items it
  // touched, and only their rows are asked for and put in place.
  const stock = useQuery('stock.list', input, { live: false });
  const inputKey = JSON.stringify(input);
  useEffect(
    () =>
      onEvent('data.changed', (change) => {
        if (change.entity !== 'stock') return;
        if (!change.itemIds || change.itemIds.length > 500) return stock.refresh();
        const items = new Set(change.itemIds);
        void invoke('stock.list', { ...(JSON.parse(inputKey) as Input<'stock.list'>), itemIds: change.itemIds }).then((r) => {
          if (!r.ok) return stock.refresh();
          stock.setData((before) => (before ? mergeStock(before, r.data, items) : r.data));
        });
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [inputKey],
  );
  useEffect(() => {
    if (stock.data) setWarnDays(stock.data.expiryWarnDays);
  }, [stock.data]);
  const mayStatus = mayCall('lots.setStatus', role);
  const mayMove = mayCall('transfers.post', role);

  // 上架: a carton scanned opens the move of its lot from where it lies (the grid narrows to the lot when it lies in several places).
  async function onScan(code: string): Promise<{ ok: boolean; text: string }> {
    const found = await findForPutAway(code, items.data ?? [], stock.data?.rows ?? []);
    if (found.kind === 'unknown') return { ok: false, text: t('widgets.scanUnknown', { code }) };
    if (found.kind === 'ambiguous') return { ok: false, text: t('widgets.scanAmbiguous', { code, items: found.items.map((i) => `${i.code} ${i.name}`).join('、') }) };
    if (found.kind === 'none') return { ok: false, text: t('stockPage.putAway.none', { what: found.what }) };
    if (found.kind === 'many') {
      setFilter(found.lotNo || found.itemCode);
      return { ok: true, text: t('stockPage.putAway.many', { lot: found.lotNo || '—', count: found.count }) };
    }
    setAction({ row: found.row, kind: 'move', scanned: { pieces: found.pieces } });
    return { ok: true, text: t('stockPage.putAway.one', { item: `${found.row.itemCode} ${found.row.itemName}`, lot: found.row.lotNo || '—', location: found.row.locationCode }) };
  }

  const columnDefs = useMemo((): ColDef<Row>[] => {
    // English words run longer than the Chinese ones the layout is made for.
    const w = (zh: number, en: number) => (locale === 'en' ? en : zh);
    const stockCol = (colId: 'onHand' | 'reserved' | 'available', width: number): ColDef<Row> => ({
      colId,
      headerName: t(`field.${colId}`),
      type: 'rightAligned',
      width,
      valueGetter: (p) => p.data?.[colId],
      valueFormatter: (p) => (p.data && !isTotal(p.data) ? qtyText(p.data[colId], p.data.unit, p.data.packs) : fmtNumber(p.value as number)),
      cellRenderer: (p: ICellRendererParams<Row>) => {
        if (!p.data) return null;
        if (isTotal(p.data)) return <b>{fmtNumber(p.data[colId])}</b>;
        // Nothing is a plain 0: a column of "0只 0盒" would hide the rows that matter.
        if (p.data[colId] === 0) return <span className="soft">0</span>;
        return <QtyCell qty={p.data[colId]} unit={p.data.unit} packs={p.data.packs} />;
      },
      cellClassRules: colId === 'available' ? { 'cell-zero': (p) => !isTotal(p.data) && p.value === 0 } : undefined,
    });
    const row = (p: { data?: Row | undefined }) => (p.data && !isTotal(p.data) ? p.data : undefined);
    return [
      { colId: 'itemCode', headerName: t('field.code'), width: 80, pinned: 'left', valueGetter: (p) => row(p)?.itemCode ?? '' },
      {
        colId: 'itemName',
        // Name and spec in one cell, on two lines: items of one name differ by spec (L / XL, 500ml / 5L).
        headerName: t('stockPage.nameSpec'),
        width: 170,
        pinned: 'left',
        valueGetter: (p) => (isTotal(p.data) ? t('stockPage.total', { n: p.data.rows }) : (row(p)?.itemName ?? '')),
        getQuickFilterText: (p) => (row(p) ? `${row(p)!.itemName} ${row(p)!.spec} ${pinyinKeys(row(p)!.itemName)}` : ''),
        tooltipValueGetter: (p) => (row(p) ? `${row(p)!.itemName} ${row(p)!.spec}` : undefined),
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = row(p);
          if (!r) return <b>{p.value as string}</b>;
          return (
            <span className="two-line">
              <button type="button" className="link" title={t('stockPage.openCard')} onClick={() => setAction({ row: r, kind: 'card' })}>
                {r.itemName}
              </button>
              <span className="spec">{r.spec}</span>
            </span>
          );
        },
      },
      { colId: 'lotNo', headerName: t('field.lotNo'), width: 100, valueGetter: (p) => row(p)?.lotNo ?? '' },
      {
        colId: 'expiresOn',
        headerName: t('field.expiresOn'),
        width: w(160, 200),
        valueGetter: (p) => row(p)?.expiresOn ?? null,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = row(p);
          if (!r || r.expiresOn === null) return null;
          const days = r.daysToExpiry ?? 0;
          const note = r.expired ? t('stockPage.expiredDays', { count: -days }) : days <= warnDays ? t('stockPage.daysLeft', { count: days }) : '';
          return (
            <span>
              {r.expiresOn}
              {note && <span className="expiry-note">{note}</span>}
            </span>
          );
        },
        cellClassRules: {
          'cell-expired': (p) => row(p)?.expired === true,
          'cell-expiring': (p) => {
            const r = row(p);
            return !!r && !r.expired && r.daysToExpiry !== null && r.daysToExpiry <= warnDays;
          },
        },
      },
      { colId: 'locationCode', headerName: t('field.location'), width: 76, valueGetter: (p) => row(p)?.locationCode ?? '' },
      stockCol('onHand', 125),
      stockCol('reserved', w(70, 100)),
      stockCol('available', 125),
      {
        colId: 'daysOfCover',
        headerName: t('field.daysOfCover'),
        headerTooltip: t('stockPage.daysOfCoverHint'),
        width: 120,
        valueGetter: (p) => row(p)?.daysOfCover ?? null,
        valueFormatter: (p) => (row(p) ? (p.value === null ? '—' : t('stockPage.days', { count: p.value as number })) : ''),
        // Days of cover and safety stock are both about the whole item: is there enough of it?
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = row(p);
          if (!r) return null;
          return (
            <span className="item-cell">
              <span>{p.valueFormatted}</span>
              {r.belowSafety && (
                <span className="badge bad" title={t('stockPage.belowSafetyHint')}>
                  {t('stockPage.belowSafety')}
                </span>
              )}
            </span>
          );
        },
        tooltipValueGetter: (p) => {
          const r = row(p);
          return r ? t('stockPage.dailyOut', { qty: fmtNumber(r.dailyOut), unit: r.unit }) : undefined;
        },
      },
      {
        colId: 'status',
        headerName: t('field.status'),
        width: w(76, 150),
        valueGetter: (p) => (row(p) ? t(`lotStatus.${row(p)!.status}`) : ''),
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = row(p);
          if (!r) return null;
          return <span className={`badge ${STATUS_BADGE[r.status]}`}>{t(`lotStatus.${r.status}`)}</span>;
        },
      },
      { colId: 'category', headerName: t('field.category'), flex: 1, minWidth: 100, valueGetter: (p) => (row(p) ? t(`category.${row(p)!.category}`) : '') },
      {
        colId: 'actions',
        headerName: t('stockPage.actions'),
        width: w(140, 190),
        pinned: 'right',
        sortable: false,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const r = row(p);
          if (!r) return null;
          return (
            <span className="cell-actions">
              {mayStatus && NEXT_STATUS[r.status].length > 0 && (
                <button type="button" className="small" onClick={() => setAction({ row: r, kind: 'status' })}>
                  {t(`stockPage.statusButton.${r.status}`)}
                </button>
              )}
              {mayMove && r.onHand > 0 && (
                <button type="button" className="small" onClick={() => setAction({ row: r, kind: 'move' })}>
                  {t('stockPage.move')}
                </button>
              )}
            </span>
          );
        },
      },
    ];
  }, [t, locale, warnDays, mayStatus, mayMove]);

  // The totals of the rows shown: with the quick filter on, those rows only (a total of the whole
  // list under two filtered rows would be read as theirs).
  const [shownTotals, setShownTotals] = useState<TotalRow | null>(null);
  const totals: TotalRow[] = useMemo(() => {
    const data = stock.data;
    if (!data) return [];
    return [filter.trim() && shownTotals ? shownTotals : { total: true, rows: data.rows.length, ...data.totals }];
  }, [stock.data, filter, shownTotals]);

  const today = localDay();
  const rowClassRules = useMemo(
    () => ({
      'row-expired': (p: RowClassParams<Row>) => !isTotal(p.data) && p.data?.expired === true,
      'row-held': (p: RowClassParams<Row>) => !isTotal(p.data) && (p.data?.status === 'pending' || p.data?.status === 'quarantined' || p.data?.status === 'rejected'),
    }),
    [],
  );

  return (
    <section className="page" aria-labelledby="stock-title">
      <div className="toolbar">
        <h2 id="stock-title">{t('nav.stock')}</h2>
        <CategorySelect value={category} onChange={setCategory} />
        <LocationSelect value={locationId} locations={locations.data ?? []} onChange={setLocationId} />
        <label className="inline">
          <span>{t('field.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as LotStatus | '')}>
            <option value="">{t('stockPage.all')}</option>
            {LOT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`lotStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>{t('stockPage.expiry')}</span>
          <select value={expiry} onChange={(e) => setExpiry(e.target.value as typeof expiry)}>
            {EXPIRY_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w === '' ? t('stockPage.all') : t('stockPage.within', { count: w === 'warn' ? warnDays : Number(w) })}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={includeEmpty} onChange={(e) => setIncludeEmpty(e.target.checked)} />
          {t('stockPage.includeEmpty')}
        </label>
        <input type="search" className="quick-filter" placeholder={t('action.filter')} aria-label={t('action.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="row-count" aria-live="polite">
          {count !== null && t('grid.rows', { count })}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => api.current?.exportDataAsCsv({ fileName: `${t('nav.stock')}-${today}.csv`, columnKeys: columnDefs.map((c) => c.colId!).filter((c) => c !== 'actions') })}>
          {t('action.exportCsv')}
        </button>
      </div>
      {mayMove && <ScanField onScan={onScan} />}
      <div className={`status-line ${stock.error ? 'refused' : notice ? 'saved' : ''}`} role="status">
        {stock.error ? stock.error.message : notice || t('stockPage.legend', { days: warnDays })}
      </div>
      <div className="grid">
        <AgGridReact<Row>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={stock.data?.rows}
          pinnedBottomRowData={totals}
          loading={stock.loading && !stock.data}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p) => (isTotal(p.data) ? 'total' : `${p.data.lotId}@${p.data.locationId}`)}
          quickFilterText={filter}
          rowClassRules={rowClassRules}
          rowHeight={48}
          // Rows refetched after a change stay put instead of sliding (and a row never shows twice while it fades).
          animateRows={false}
          tooltipShowDelay={150}
          onGridReady={(e) => (api.current = e.api)}
          onModelUpdated={(e) => {
            setCount(e.api.getDisplayedRowCount());
            const sum: TotalRow = { total: true, rows: 0, onHand: 0, reserved: 0, available: 0 };
            e.api.forEachNodeAfterFilter((node) => {
              const r = node.data;
              if (!r || isTotal(r)) return;
              sum.rows++;
              sum.onHand += r.onHand;
              sum.reserved += r.reserved;
              sum.available += r.available;
            });
            setShownTotals((old) => (old && old.rows === sum.rows && old.onHand === sum.onHand && old.reserved === sum.reserved && old.available === sum.available ? old : sum));
          }}
        />
      </div>
      {action?.kind === 'card' && <StockCardDialog itemId={action.row.itemId} lot={{ id: action.row.lotId, no: action.row.lotNo }} onClose={() => setAction(null)} />}
      {action?.kind === 'move' && (
        <MoveDialog
          row={action.row}
          locations={locations.data ?? []}
          items={items.data ?? []}
          {...(action.scanned ? { scanned: action.scanned } : {})}
          onClose={() => setAction(null)}
          onDone={(text) => {
            setAction(null);
            setNotice(text);
          }}
        />
      )}
      {action?.kind === 'status' && (
        <LotStatusDialog
          row={action.row}
          onClose={() => setAction(null)}
          onDone={(text) => {
            setAction(null);
            setNotice(text);
          }}
        />
      )}
    </section>
  );
}

/** The list with the named items' rows replaced by their fresh ones, in the core's order, totals again. */
export function mergeStock(before: StockList, fresh: StockList, items: ReadonlySet<number>): StockList {
  // SQLite's own order (BINARY), as the core sorts: item code, expiry (none last), lot, location.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const rows = [...before.rows.filter((r) => !items.has(r.itemId)), ...fresh.rows].sort(
    (a, b) =>
      cmp(a.itemCode, b.itemCode) ||
      Number(a.expiresOn === null) - Number(b.expiresOn === null) ||
      cmp(a.expiresOn ?? '', b.expiresOn ?? '') ||
      cmp(a.lotNo, b.lotNo) ||
      cmp(a.locationCode, b.locationCode),
  );
  const totals = rows.reduce((t, r) => ({ onHand: t.onHand + r.onHand, reserved: t.reserved + r.reserved, available: t.available + r.available }), { onHand: 0, reserved: 0, available: 0 });
  return { rows, expiryWarnDays: fresh.expiryWarnDays, totals };
}
