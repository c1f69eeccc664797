import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, GridApi, ICellRendererParams } from 'ag-grid-community';
import type { Item, Stocktake, StocktakeLine } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { Category, Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, onEvent, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { ConfirmDialog, ReasonDialog } from '../../widgets/Dialog.tsx';
import { ScanField } from '../../widgets/ScanField.tsx';
import { looksScanned, resolveScan } from '../../widgets/scan.ts';
import { defaultColDef, QtyCell, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localTime } from '../../widgets/format.ts';
import { CategorySelect, LocationSelect } from './ScopeSelects.tsx';
import './stock.css';
import { useOpenDocument } from '../../shell/open-doc.ts';

type Header = Omit<Stocktake, 'lines'>;
const STATUS_BADGE = { counting: 'info', posted: 'ok', cancelled: '' } as const;

/** 盘点: count sheets for a location or category; counts are entered or scanned, an approver posts the differences. */
export function StocktakesPage({ role }: { role: Role }) {
  const [open, setOpen] = useState<number | null>(null);
  useOpenDocument('stocktake', setOpen);
  return open === null ? <StocktakeList role={role} onOpen={setOpen} /> : <CountSheet key={open} id={open} role={role} onClose={() => setOpen(null)} />;
}

function scopeText(t: TFunction, scope: Header['scope'], locationCode: (id: number) => string) {
  const parts = [scope.locationId ? locationCode(scope.locationId) : null, scope.category ? t(`category.${scope.category}`) : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('stocktake.wholeDepot');
}

function StocktakeList({ role, onOpen }: { role: Role; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const list = useQuery('stocktakes.list', {});
  const locations = useQuery('locations.list', {});
  const [locationId, setLocationId] = useState<number | ''>('');
  const [category, setCategory] = useState<Category | ''>('');
  const [error, setError] = useState<AppError | null>(null);
  const code = useCallback((id: number) => locations.data?.find((l) => l.id === id)?.code ?? `#${id}`, [locations.data]);

  async function create() {
    const result = await command('stocktakes.create', { ...(locationId ? { locationId } : {}), ...(category ? { category } : {}) });
    if (!result.ok) return setError(result.error);
    onOpen(result.data.id);
  }

  const columnDefs = useMemo(
    (): ColDef<Header>[] => [
      { colId: 'no', headerName: t('stocktake.no'), width: 170, valueGetter: (p) => p.data?.no },
      {
        colId: 'status',
        headerName: t('field.status'),
        width: 110,
        valueGetter: (p) => (p.data ? t(`stocktake.status.${p.data.status}`) : ''),
        cellRenderer: (p: ICellRendererParams<Header>) => (p.data ? <span className={`badge ${STATUS_BADGE[p.data.status]}`}>{p.value as string}</span> : null),
      },
      { colId: 'scope', headerName: t('stocktake.scope'), width: 220, valueGetter: (p) => (p.data ? scopeText(t, p.data.scope, code) : '') },
      { colId: 'createdAt', headerName: t('stocktake.createdAt'), width: 170, sort: 'desc', valueGetter: (p) => p.data?.createdAt, valueFormatter: (p) => localTime(p.value as string) },
      { colId: 'reason', headerName: t('field.reason'), flex: 1, minWidth: 200, valueGetter: (p) => p.data?.reason },
    ],
    [t, code],
  );

  return (
    <section className="page" aria-labelledby="stocktakes-title">
      <div className="toolbar">
        <h2 id="stocktakes-title">{t('nav.stocktakes')}</h2>
        <span className="spacer" />
        {mayCall('stocktakes.create', role) && (
          <span className="create-sheet" role="group" aria-label={t('stocktake.new')}>
            <LocationSelect value={locationId} locations={locations.data ?? []} onChange={setLocationId} />
            <CategorySelect value={category} onChange={setCategory} />
            <button type="button" className="primary" onClick={() => void create()}>
              {t('stocktake.new')}
            </button>
          </span>
        )}
      </div>
      <div className={`status-line ${error || list.error ? 'refused' : ''}`} role="status">
        {error?.message ?? list.error?.message ?? t('stocktake.listHint')}
      </div>
      <div className="grid">
        <AgGridReact<Header>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={list.data}
          loading={list.loading && !list.data}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p) => String(p.data.id)}
          onRowClicked={(e) => e.data && onOpen(e.data.id)}
          onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && onOpen(e.data.id)}
          rowStyle={{ cursor: 'pointer' }}
        />
      </div>
    </section>
  );
}

interface SheetRow extends StocktakeLine {
  item: Item | undefined;
}

/**
 * One count sheet. Every count is saved as it is typed (one after another, each with the
 * version the last one returned); a refused count stays marked at its cell.
 */
function CountSheet({ id, role, onClose }: { id: number; role: Role; onClose(): void }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const items = useQuery('items.list', { includeInactive: true });
  const locations = useQuery('locations.list', {});
  const [sheet, setSheet] = useState<Stocktake | null>(null);
  const [errors, setErrors] = useState<Map<number, string>>(new Map());
  const [status, setStatus] = useState<{ kind: '' | 'saved' | 'refused'; text: string }>({ kind: '', text: '' });
  const [asking, setAsking] = useState<'post' | 'cancel' | null>(null);
  const api = useRef<GridApi<SheetRow> | null>(null);
  const queue = useRef(Promise.resolve());
  const version = useRef(0);

  const reload = useCallback(() => {
    void invoke('stocktakes.get', { id }).then((r) => {
      if (r.ok) {
        version.current = r.data.version;
        setSheet(r.data);
      } else setStatus({ kind: 'refused', text: r.error.message });
    });
  }, [id]);
  useEffect(reload, [reload]);
  // Another desk counting the same sheet, or the approver posting it: show it as it is now.
  useEffect(() => onEvent('data.changed', (p) => p.entity === 'stocktakes' && reload()), [reload]);

  const byCode = useMemo(() => new Map((items.data ?? []).map((i) => [i.code, i])), [items.data]);
  const rows: SheetRow[] = useMemo(() => (sheet?.lines ?? []).map((l) => ({ ...l, item: byCode.get(l.itemCode) })), [sheet, byCode]);
  const counting = sheet?.status === 'counting';
  const mayCount = counting && mayCall('stocktakes.count', role);

  // Ctrl+Z: each saved count remembers what the line held before, until the sheet is posted.
  const undo = useRef<{ line: SheetRow; before: number | null }[]>([]);
  const saveCount = useCallback(
    (line: SheetRow, text: string, undoing = false) => {
      const trimmed = text.trim();
      const countedQty = trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
      queue.current = queue.current.then(async () => {
        const result = await command('stocktakes.count', { id, version: version.current, counts: [{ lineId: line.id, countedQty }] });
        if (result.ok) {
          if (!undoing) undo.current = [...undo.current.slice(-99), { line, before: line.countedQty }];
          version.current = result.data.version;
          setSheet(result.data);
          setErrors((old) => {
            const next = new Map(old);
            next.delete(line.id);
            return next;
          });
          const saved = result.data.lines.find((l) => l.id === line.id);
          setStatus({ kind: 'saved', text: t('stocktake.countSaved', { item: `${line.itemCode} ${line.itemName}`, lot: line.lotNo || '—', qty: saved?.countedQty === null ? '—' : fmtNumber(saved?.countedQty ?? 0) }) });
        } else {
          setErrors((old) => new Map(old).set(line.id, result.error.message));
          setStatus({ kind: 'refused', text: t('stocktake.countRefused', { item: `${line.itemCode} ${line.itemName}`, message: result.error.message }) });
          if (result.error.code === 'stale') reload();
        }
      });
    },
    [id, t, reload],
  );

  useEffect(() => {
    if (!mayCount) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const at = document.activeElement;
      // Typing in a field (a count being edited, the scan field): the browser's own undo.
      if (at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement) return;
      e.preventDefault();
      const last = undo.current.pop();
      if (!last) return setStatus({ kind: '', text: t('receiving.nothingToUndo') });
      saveCount(last.line, last.before === null ? '' : String(last.before), true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mayCount, saveCount, t]);

  const columnDefs = useMemo((): ColDef<SheetRow>[] => {
    const qty = (get: (r: SheetRow) => number | null) => (p: ICellRendererParams<SheetRow>) => {
      const r = p.data;
      if (!r) return null;
      const n = get(r);
      return n === null ? null : <QtyCell qty={n} unit={r.unit} packs={r.item?.packs ?? []} />;
    };
    return [
      { colId: 'locationCode', headerName: t('field.location'), width: 110, valueGetter: (p) => p.data?.locationCode },
      { colId: 'itemCode', headerName: t('field.code'), width: 100, valueGetter: (p) => p.data?.itemCode },
      { colId: 'itemName', headerName: t('field.name'), width: 200, valueGetter: (p) => p.data?.itemName },
      { colId: 'spec', headerName: t('field.spec'), flex: 1, minWidth: 160, valueGetter: (p) => p.data?.spec, cellClass: 'soft', tooltipValueGetter: (p) => p.value as string },
      { colId: 'lotNo', headerName: t('field.lotNo'), width: 130, valueGetter: (p) => p.data?.lotNo },
      { colId: 'bookQty', headerName: t('field.bookQty'), type: 'rightAligned', width: 150, valueGetter: (p) => p.data?.bookQty, cellRenderer: qty((r) => r.bookQty) },
      {
        // Shipped or received at this shelf while it was being counted: part of the book the count is compared with.
        colId: 'movedSince',
        headerName: t('stocktake.movedSince'),
        headerTooltip: t('stocktake.rule'),
        type: 'rightAligned',
        width: 120,
        valueGetter: (p) => p.data?.movedSince ?? 0,
        valueFormatter: (p) => (p.value ? `${(p.value as number) > 0 ? '+' : ''}${fmtNumber(p.value as number)}` : '0'),
        cellClass: (p) => (p.value ? 'ag-right-aligned-cell' : 'ag-right-aligned-cell soft'),
      },
      { colId: 'bookAtCount', headerName: t('stocktake.bookAtCount'), headerTooltip: t('stocktake.rule'), type: 'rightAligned', width: 150, valueGetter: (p) => p.data?.bookAtCount, cellRenderer: qty((r) => r.bookAtCount) },
      {
        colId: 'countedQty',
        headerName: t('field.countedQty'),
        headerTooltip: t('stocktake.countHint'),
        type: 'rightAligned',
        width: 170,
        editable: mayCount,
        valueGetter: (p) => (p.data?.countedQty == null ? '' : String(p.data.countedQty)),
        cellEditor: 'agTextCellEditor',
        cellRenderer: qty((r) => r.countedQty),
        cellClassRules: { 'cell-refused': (p) => !!p.data && errors.has(p.data.id), 'cell-to-count': (p) => mayCount && p.data?.countedQty == null },
        tooltipValueGetter: (p) => (p.data ? errors.get(p.data.id) : undefined),
      },
      {
        colId: 'difference',
        headerName: t('field.difference'),
        type: 'rightAligned',
        width: 150,
        valueGetter: (p) => p.data?.difference ?? null,
        cellRenderer: (p: ICellRendererParams<SheetRow>) => {
          const r = p.data;
          if (!r || r.difference === null) return null;
          const sign = r.difference > 0 ? '+' : '';
          return (
            <span className={r.difference < 0 ? 'diff-minus' : r.difference > 0 ? 'diff-plus' : 'soft'}>
              {sign}
              {fmtNumber(r.difference)}
              <span className="qty-unit">{r.unit}</span>
            </span>
          );
        },
      },
    ];
  }, [t, mayCount, errors]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<SheetRow>) => {
      if (!e.data) return;
      const text = e.newValue == null ? '' : String(e.newValue);
      if (text.trim() === String(e.data.countedQty ?? '')) return;
      saveCount(e.data, text);
    },
    [saveCount],
  );

  // The line the last scan found: its count field sits under the scan field until it is saved.
  const [countingLine, setCounting] = useState<SheetRow | null>(null);
  const scanField = useRef<HTMLInputElement>(null);
  const onScan = useCallback(
    async (code: string) => {
      const found = await resolveScan(code, items.data ?? []);
      if (found.kind === 'unknown') return { ok: false, text: t('widgets.scanUnknown', { code }) };
      if (found.kind === 'ambiguous') return { ok: false, text: t('widgets.scanAmbiguous', { code, items: found.items.map((i) => `${i.code} ${i.name}`).join('、') }) };
      const matches = rows.filter((r) => r.itemCode === found.item.code && (found.kind === 'item' || r.lotNo === found.lotNo));
      if (matches.length === 0) return { ok: false, text: t('stocktake.notOnSheet', { item: `${found.item.code} ${found.item.name}` }) };
      const line = matches[0]!;
      const node = api.current?.getRowNode(String(line.id));
      if (node) {
        api.current?.ensureNodeVisible(node);
        api.current?.flashCells({ rowNodes: [node] });
      }
      // An item's barcode counts one piece on its only line; a lot label (or an item on several lines) points at the line to type.
      if (found.kind === 'item' && matches.length === 1 && mayCount) {
        const next = (line.countedQty ?? 0) + 1;
        saveCount(line, String(next));
        return { ok: true, text: t('stocktake.scanCounted', { item: `${line.itemCode} ${line.itemName}`, lot: line.lotNo || '—', qty: fmtNumber(next), unit: line.unit }) };
      }
      const found1 = { item: `${line.itemCode} ${line.itemName}`, lot: line.lotNo || '—', location: line.locationCode, count: matches.length };
      // One line found: its count is typed right under the scan field (a handheld shows no count column without scrolling).
      if (matches.length === 1 && mayCount) setCounting(line);
      return { ok: true, text: t(matches.length === 1 ? 'stocktake.scanFoundOne' : 'stocktake.scanFoundMany', found1) };
    },
    [items.data, rows, t, mayCount, saveCount],
  );

  async function post(reason: string): Promise<AppError | null> {
    await queue.current;
    const result = await command('stocktakes.post', { id, version: version.current, reason });
    if (!result.ok) return result.error;
    version.current = result.data.version;
    setSheet(result.data);
    setAsking(null);
    setStatus({ kind: 'saved', text: t('stocktake.posted', { no: result.data.no }) });
    return null;
  }

  async function cancel(): Promise<AppError | null> {
    await queue.current;
    const result = await command('stocktakes.cancel', { id, version: version.current });
    if (!result.ok) return result.error;
    setSheet(result.data);
    setAsking(null);
    return null;
  }

  const counted = rows.filter((r) => r.countedQty !== null).length;
  const differing = rows.filter((r) => r.difference !== null && r.difference !== 0).length;
  const code = (lid: number) => locations.data?.find((l) => l.id === lid)?.code ?? `#${lid}`;

  return (
    <section className="page" aria-labelledby="sheet-title">
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          {t('receiving.back')}
        </button>
        <h2 id="sheet-title">{sheet ? t('stocktake.title', { no: sheet.no }) : t('app.loading')}</h2>
        {sheet && (
          <>
            <span className={`badge ${STATUS_BADGE[sheet.status]}`}>{t(`stocktake.status.${sheet.status}`)}</span>
            <span className="soft">
              {t('stocktake.scope')}：{scopeText(t, sheet.scope, code)}
            </span>
            <span className="progress">{t('stocktake.progress', { counted, total: rows.length, differing })}</span>
          </>
        )}
        <span className="spacer" />
        {counting && mayCall('stocktakes.cancel', role) && (
          <button type="button" className="danger" onClick={() => setAsking('cancel')}>
            {t('stocktake.cancel')}
          </button>
        )}
        {counting && mayCall('stocktakes.post', role) && (
          <button type="button" className="primary" onClick={() => setAsking('post')}>
            {t('stocktake.post')}
          </button>
        )}
      </div>
      <div className={`status-line ${status.kind}`} role="status" aria-label={t('stocktake.statusLabel')}>
        {status.text ||
          (sheet?.status === 'posted' ? t('stocktake.postedNote', { reason: sheet.reason })
          : sheet?.status === 'cancelled' ? t('stocktake.cancelledNote')
          : mayCount ? t('stocktake.countHint')
          : counting ? t('stocktake.awaitingCount')
          : '')}
      </div>
      <p className="soft stocktake-rule">{t('stocktake.rule')}</p>
      {mayCount && <ScanField onScan={onScan} inputRef={scanField} />}
      {mayCount && countingLine && (
        <QuickCount
          key={countingLine.id}
          line={countingLine}
          items={items.data ?? []}
          onSave={(text) => {
            saveCount(countingLine, text);
            setCounting(null);
            scanField.current?.focus();
          }}
          onCancel={() => {
            setCounting(null);
            scanField.current?.focus();
          }}
        />
      )}
      <div className="grid">
        <AgGridReact<SheetRow>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={rows}
          loading={!sheet}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={(p) => String(p.data.id)}
          readOnlyEdit
          // Rows refetched after a change stay put instead of sliding (and a row never shows twice while it fades).
          animateRows={false}
          onCellEditRequest={onCellEditRequest}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={150}
          rowClassRules={{ 'row-differs': (p) => !!p.data?.difference }}
          onGridReady={(e) => (api.current = e.api)}
        />
      </div>
      {asking === 'post' && sheet && (
        <ReasonDialog
          title={t('stocktake.postTitle', { no: sheet.no })}
          hint={t('stocktake.postHint', { differing, uncounted: rows.length - counted })}
          confirm={t('stocktake.post')}
          onConfirm={post}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'cancel' && sheet && <ConfirmDialog title={t('stocktake.cancelTitle', { no: sheet.no })} text={t('stocktake.cancelHint')} confirm={t('stocktake.cancel')} onConfirm={cancel} onClose={() => setAsking(null)} />}
    </section>
  );
}

/** The count of the line a scan found, typed under the scan field and saved with Enter (Esc leaves it). */
function QuickCount({ line, items, onSave, onCancel }: { line: SheetRow; items: readonly Item[]; onSave(text: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(line.countedQty === null ? '' : String(line.countedQty));
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <form
      className="quick-count"
      aria-label={t('stocktake.quickCount', { item: `${line.itemCode} ${line.itemName}`, lot: line.lotNo || '—' })}
      onSubmit={(e) => {
        e.preventDefault();
        // A carton's code scanned into the count is no count (69012345 would be 69,012,345只).
        if (looksScanned(text, items)) return setRefused(t('stocktake.scanNotCount', { code: text.trim() }));
        if (text.trim()) onSave(text);
      }}
    >
      <label>
        <span>{t('stocktake.quickCount', { item: `${line.itemCode} ${line.itemName}`, lot: line.lotNo || '—' })}</span>
        <input
          value={text}
          inputMode="numeric"
          aria-invalid={refused !== null || undefined}
          placeholder={t('stockPage.qtyPlaceholder', { unit: line.unit })}
          onChange={(e) => {
            setText(e.target.value);
            setRefused(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      <button type="submit" className="primary">
        {t('stocktake.quickSave')}
      </button>
      {refused && (
        <span className="error-text" role="alert">
          {refused}
        </span>
      )}
    </form>
  );
}
