import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridApi } from 'ag-grid-community';
import type { Item, Receipt } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { ConfirmDialog, ReasonDialog } from '../../widgets/Dialog.tsx';
import { ScanField } from '../../widgets/ScanField.tsx';
import { useLeaveGuard } from '../../widgets/leave-guard.ts';
import { looksScanned, resolveScan } from '../../widgets/scan.ts';
import { LearnGtinDialog } from '../../widgets/LearnGtinDialog.tsx';
import { readGs1 } from '../../../shared/gs1.ts';
import type { GtinEntry } from '../../../shared/contract/index.ts';
import { applyGs1 } from './gs1-scan.ts';
import { itemFromText } from '../../widgets/ItemPicker.tsx';
import { fenFromYuan, fmtNumber, localTime, yuan, yuanText } from '../../widgets/format.ts';
import { HeaderForm } from './HeaderForm.tsx';
import { StartFrom } from './StartFrom.tsx';
import { PrintButtons } from './PrintButtons.tsx';
import { LinesGrid, type LineRow } from './LinesGrid.tsx';
import { parseTypedDate } from '../../../shared/dates.ts';
import {
  baseUnits,
  blankLine,
  cellKey,
  headerFromReceipt,
  isBlank,
  lineFromReceipt,
  localProblems,
  noExpiryTyped,
  toWire,
  type HeaderDraft,
  type LineDraft,
  type LineField,
} from './lines.ts';

interface Status {
  kind: 'saved' | 'refused' | '';
  text: string;
}

/** One blank line stays at the bottom of an editable receipt, so typing a new line needs no button. */
function withTrailingBlank(lines: LineDraft[]): LineDraft[] {
  const last = lines.at(-1);
  return last && isBlank(last) ? lines : [...lines, blankLine(last?.locationId ?? null)];
}

/**
 * 入库单: header, inspection record and lines of one receipt. A draft is edited here and kept
 * only on 保存草稿 or 过账; a posted receipt is shown as it was posted and can be reversed (红冲).
 */
export function ReceiptEditor({ id, role, onClose }: { id: number | null; role: Role; onClose(): void }) {
  const { t } = useTranslation();
  const items = useQuery('items.list', { includeInactive: true });
  const locations = useQuery('locations.list', {});
  const itemMap = useMemo(() => new Map((items.data ?? []).map((i) => [i.id, i])), [items.data]);
  const firstLocation = locations.data?.[0]?.id ?? null;

  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [header, setHeader] = useState<HeaderDraft>(() => headerFromReceipt(null));
  const [lines, setLines] = useState<LineDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, receipt?.no ? t('receiving.unsavedWorkNo', { no: receipt.no }) : t('receiving.unsavedWork'));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<Status>({ kind: '', text: '' });
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<'reverse' | 'discard' | 'post' | null>(null);
  // A count far beyond what one delivery line holds waits for the storekeeper to confirm it.
  const [large, setLarge] = useState<{ key: string; field: LineField; text: string; n: number; qty: string; usual: string } | null>(null);
  const gridApi = useRef<GridApi<LineRow> | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  // A lot label scanned opens that line's count; after Enter the scanner's field has the focus again.
  const backToScan = useRef(false);
  // The line the last scan landed on: a trace code scanned next belongs to it.
  const lastScanned = useRef<string | null>(null);
  // An unknown GTIN waits for the storekeeper to say which item and pack it is (the scan queue waits too).
  const [learning, setLearning] = useState<{ gtin: string; done(entry: GtinEntry | null): void } | null>(null);

  const mayEdit = mayCall('receipts.saveDraft', role);
  const editable = mayEdit && (receipt === null || receipt.status === 'draft');

  const load = useCallback((r: Receipt) => {
    setReceipt(r);
    setHeader(headerFromReceipt(r));
    setLines(r.status === 'draft' ? withTrailingBlank(r.lines.map(lineFromReceipt)) : r.lines.map(lineFromReceipt));
    setDirty(false);
    setErrors(new Map());
  }, []);

  useEffect(() => {
    history.current = [];
    if (id === null) return;
    void invoke('receipts.get', { id }).then((r) => (r.ok ? load(r.data) : setStatus({ kind: 'refused', text: r.error.message })));
  }, [id, load]);

  // A new receipt starts with one line at the first location (the storekeeper changes it once; new lines follow the last one).
  useEffect(() => {
    if (id === null && lines.length === 0 && firstLocation !== null) setLines([blankLine(firstLocation)]);
  }, [id, lines.length, firstLocation]);

  const rows: LineRow[] = useMemo(() => lines.map((l, i) => ({ ...l, lineNo: i + 1 })), [lines]);

  // Ctrl+Z: the lines as they were before each change, until the receipt is posted (at most 100 steps).
  const linesNow = useRef(lines);
  linesNow.current = lines;
  const history = useRef<LineDraft[][]>([]);
  const changeLines = useCallback((update: (old: LineDraft[]) => LineDraft[], clear: string[] = []) => {
    history.current = [...history.current.slice(-99), linesNow.current];
    setLines((old) => withTrailingBlank(update(old)));
    setDirty(true);
    if (clear.length) {
      setErrors((old) => {
        const next = new Map(old);
        clear.forEach((k) => next.delete(k));
        return next;
      });
    }
  }, []);

  const markCell = useCallback((key: string, field: string, message: string | null) => {
    setErrors((old) => {
      const next = new Map(old);
      if (message === null) next.delete(cellKey(key, field));
      else next.set(cellKey(key, field), message);
      return next;
    });
  }, []);

  const onEdit = useCallback(
    (key: string, field: LineField, value: unknown, confirmed = false) => {
      const text = value == null ? '' : String(value);
      const line = lines.find((l) => l.key === key);
      if (!line) return;
      let patch: Partial<LineDraft> = {};
      let problem: string | null = null;
      switch (field) {
        case 'itemId': {
          if (text.trim() === '') {
            patch = { itemId: null };
            break;
          }
          const found = itemFromText([...itemMap.values()].filter((i) => i.active), text);
          if ('item' in found) patch = { itemId: found.item.id, lotNo: found.item.lotTracked ? line.lotNo : '' };
          else problem = found.candidates.length ? t('receiving.itemAmbiguous', { codes: found.candidates.slice(0, 6).map((i) => i.code).join('、') }) : t('receiving.itemUnknown', { text });
          break;
        }
        case 'locationId':
          patch = { locationId: locations.data?.find((l) => l.code === text)?.id ?? null };
          break;
        case 'producedOn':
        case 'expiresOn': {
          const reason = field === 'expiresOn' ? noExpiryTyped(text) : undefined;
          if (reason !== undefined) {
            if (reason === '') problem = t('receiving.noExpiryNeedsReason');
            else patch = { expiresOn: null, noExpiryReason: reason };
            break;
          }
          const date = parseTypedDate(text);
          if (date === undefined) problem = t('receiving.badDate', { value: text });
          else patch = field === 'expiresOn' ? { expiresOn: date, noExpiryReason: '' } : { producedOn: date };
          break;
        }
        case 'inspection':
          patch = { inspection: text === 'pending' ? 'pending' : 'accepted' };
          break;
        default:
          patch = { [field]: text };
      }
      if (problem === null && (field === 'counted' || field === 'rejected')) {
        const item = line.itemId === null ? undefined : itemMap.get(line.itemId);
        const qty = baseUnits(text, item);
        if (looksScanned(text, [...itemMap.values()])) {
          // The next carton's barcode typed into the count the scan had focused: never a quantity.
          markCell(key, field, null);
          setStatus({ kind: 'refused', text: t('receiving.scanNotCount', { code: text.trim(), n: lines.indexOf(line) + 1 }) });
          setTimeout(() => scanInput.current?.focus(), 0);
          return;
        }
        if (qty === undefined) {
          problem = t('errors.bad_quantity', { value: text, units: item ? [item.unit, ...item.packs.map((p) => p.unit)].join('、') : t('field.itemId') });
        } else if (!confirmed && item && qty !== null && qty > usualMaximum(item)) {
          setLarge({ key, field, text, n: lines.indexOf(line) + 1, qty: `${fmtNumber(qty)}${item.unit}`, usual: `${fmtNumber(usualMaximum(item))}${item.unit}` });
          return;
        }
      }
      if (problem === null && field === 'unitCost' && fenFromYuan(text) === undefined) problem = t('receiving.badYuan', { value: text });

      if (field === 'itemId' && problem) {
        // The typed text stays out of the line (it names no item); the cell keeps the reason.
        markCell(key, field, problem);
        setStatus({ kind: 'refused', text: t('receiving.atLine', { n: lines.indexOf(line) + 1, message: problem }) });
        return;
      }
      changeLines((old) => old.map((l) => (l.key === key ? { ...l, ...patch } : l)), [cellKey(key, field)]);
      if (problem) {
        markCell(key, field, problem);
        setStatus({ kind: 'refused', text: t('receiving.atLine', { n: lines.indexOf(line) + 1, message: problem }) });
      } else {
        setStatus({ kind: '', text: t('receiving.unsaved') });
      }
      if (backToScan.current && field === 'counted') {
        backToScan.current = false;
        setTimeout(() => scanInput.current?.focus(), 0);
      }
    },
    [lines, itemMap, locations.data, t, changeLines, markCell],
  );

  const onRemove = useCallback((key: string) => changeLines((old) => old.filter((l) => l.key !== key)), [changeLines]);

  /** Shows a refusal where it belongs: at a line's cell, a header field, or the status line. */
  const showRefusal = useCallback(
    (error: AppError, keys: string[]) => {
      const m = error.field ? /^lines\.(\d+)\.(\w+)$/.exec(error.field) : null;
      const key = m ? keys[Number(m[1])] : undefined;
      if (m && key) {
        markCell(key, m[2]!, error.message);
        const n = lines.findIndex((l) => l.key === key) + 1;
        setStatus({ kind: 'refused', text: t('receiving.atLine', { n, message: error.message }) });
        const node = gridApi.current?.getRowNode(key);
        if (node) gridApi.current?.ensureNodeVisible(node);
      } else {
        if (error.field) setErrors((old) => new Map(old).set(cellKey('header', error.field!), error.message));
        setStatus({ kind: 'refused', text: error.message });
      }
    },
    [lines, markCell, t],
  );

  async function save(): Promise<Receipt | null> {
    const problems = localProblems(lines, itemMap, t);
    if (problems.size > 0) {
      setErrors(problems);
      const [first] = problems;
      const key = first![0].split(':')[0]!;
      setStatus({ kind: 'refused', text: t('receiving.atLine', { n: lines.findIndex((l) => l.key === key) + 1, message: first![1] }) });
      return null;
    }
    if (lines.every(isBlank)) {
      setStatus({ kind: 'refused', text: t('receiving.noLines') });
      return null;
    }
    const { input, keys } = toWire(receipt?.id, receipt?.version, header, lines);
    setBusy(true);
    const result = await command('receipts.saveDraft', input);
    setBusy(false);
    if (!result.ok) {
      setErrors(new Map());
      showRefusal(result.error, keys);
      return null;
    }
    load(result.data);
    setStatus({ kind: 'saved', text: t('receiving.draftSaved') });
    return result.data;
  }

  // Keyboard first: Ctrl+Enter (or Ctrl+S) saves the draft, even from inside a cell being typed —
  // the edit is committed first, and the save reads the lines as they are then.
  const [saveAsked, setSaveAsked] = useState(0);
  useEffect(() => {
    if (!editable) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey || !(e.key === 'Enter' || e.key === 's' || e.key === 'S')) return;
      e.preventDefault();
      e.stopPropagation();
      // The cell being typed is committed first; the save follows once that edit has rendered.
      gridApi.current?.stopEditing();
      setTimeout(() => setSaveAsked((n) => n + 1), 80);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [editable]);
  // Ctrl+Z undoes the last change to the lines (a cell, a scan, a removed line). Inside a field
  // being typed the browser's own undo takes the keystroke.
  useEffect(() => {
    if (!editable) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const at = document.activeElement;
      if (at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement || at instanceof HTMLSelectElement) return;
      e.preventDefault();
      const before = history.current.pop();
      if (!before) return setStatus({ kind: '', text: t('receiving.nothingToUndo') });
      setLines(before);
      setDirty(true);
      setErrors(new Map());
      setStatus({ kind: '', text: t('receiving.undone') });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable, t]);
  // Saved after the render that took the committed edit in.
  useEffect(() => {
    if (saveAsked > 0) void save();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saveAsked]);

  async function post() {
    const saved = dirty || receipt === null ? await save() : receipt;
    if (!saved) return;
    setBusy(true);
    const result = await command('receipts.post', { id: saved.id, version: saved.version });
    setBusy(false);
    if (!result.ok) return showRefusal(result.error, saved.lines.map((l) => `l${l.id}`));
    load(result.data);
    setStatus({ kind: 'saved', text: t('receiving.posted', { no: result.data.no }) });
  }

  async function reverse(reason: string): Promise<AppError | null> {
    if (!receipt) return null;
    const result = await command('receipts.reverse', { id: receipt.id, reason });
    if (!result.ok) return result.error;
    setAsking(null);
    const again = await invoke('receipts.get', { id: receipt.id });
    if (again.ok) load(again.data);
    setStatus({ kind: 'saved', text: t('receiving.reversed', { no: result.data.no }) });
    return null;
  }

  async function discard(): Promise<AppError | null> {
    if (!receipt) return null;
    const result = await command('receipts.discardDraft', { id: receipt.id, version: receipt.version });
    if (!result.ok) return result.error;
    onClose();
    return null;
  }

  /** A GS1 code from the goods themselves (or a 药品追溯码): fills or adds to a line, or says why not. */
  const onGs1 = useCallback(async (gs1: NonNullable<ReturnType<typeof readGs1>>): Promise<{ ok: boolean; text: string }> => {
    if (gs1.kind === 'bad') return { ok: false, text: gs1.reason === 'checkDigit' ? t('trace.scan.checkDigit', { ai: gs1.ai }) : t('trace.scan.malformed') };
    if (gs1.kind === 'trace') {
      const line = lines.find((l) => l.key === lastScanned.current && !isBlank(l));
      if (!line) return { ok: false, text: t('trace.scan.traceNoLine', { code: gs1.code }) };
      changeLines((old) => old.map((l) => (l.key === line.key ? { ...l, codes: [...new Set([...l.codes, gs1.code])] } : l)));
      return { ok: true, text: t('trace.scan.traceKept', { code: gs1.code, n: lines.indexOf(line) + 1 }) };
    }
    const scan = gs1.scan;
    if (scan.gtin === null) return { ok: false, text: scan.sscc ? t('trace.scan.sscc', { sscc: scan.sscc }) : t('trace.scan.malformed') };
    const gtin = scan.gtin;
    const known = await invoke('gtins.find', { gtin });
    let entry = known.ok ? known.data : null;
    let learned = false;
    if (!entry) {
      entry = await new Promise<GtinEntry | null>((done) => setLearning({ gtin, done }));
      setLearning(null);
      setTimeout(() => scanInput.current?.focus(), 0);
      if (!entry) return { ok: false, text: t('widgets.scanUnknown', { code: gtin }) };
      learned = true;
    }
    const item = itemMap.get(entry.itemId);
    if (!item) return { ok: false, text: t('widgets.scanUnknown', { code: gtin }) };
    const said = learned ? `${t('trace.scan.learned', { gtin, item: `${item.code} ${item.name}`, pack: entry.pack ?? item.unit })}；` : '';
    const outcome = applyGs1(lines, scan, entry, item);
    const show = (key: string) =>
      setTimeout(() => {
        const node = gridApi.current?.getRowNode(key);
        if (node) {
          gridApi.current!.ensureNodeVisible(node);
          gridApi.current!.flashCells({ rowNodes: [node] });
        }
      }, 50);
    if (outcome.kind === 'mismatch') {
      const n = lines.findIndex((l) => l.key === outcome.key) + 1;
      return { ok: false, text: t('trace.scan.mismatch', { n, field: t(`receiving.col.${outcome.field}`), typed: outcome.typed, scanned: outcome.scanned }) };
    }
    if (outcome.kind === 'unreadable') return { ok: false, text: t('receiving.atLine', { n: lines.findIndex((l) => l.key === outcome.key) + 1, message: t('receiving.fixCountFirst') }) };
    const qty = `${fmtNumber(outcome.qty)}${item.unit}`;
    if (outcome.kind === 'add') {
      changeLines((old) => old.map((l) => (l.key === outcome.key ? { ...l, ...outcome.patch } : l)), [cellKey(outcome.key, 'counted')]);
      lastScanned.current = outcome.key;
      show(outcome.key);
      return { ok: true, text: said + t('trace.scan.addedCarton', { n: lines.findIndex((l) => l.key === outcome.key) + 1, pack: entry.pack ?? item.unit, qty }) };
    }
    const last = lines.at(-1);
    const target = last && isBlank(last) ? last : blankLine(last?.locationId ?? firstLocation);
    changeLines((old) => (old.some((l) => l.key === target.key) ? old.map((l) => (l.key === target.key ? { ...l, ...outcome.patch } : l)) : [...old, { ...target, ...outcome.patch }]));
    lastScanned.current = target.key;
    show(target.key);
    const n = last && isBlank(last) ? lines.length : lines.length + 1;
    return { ok: true, text: said + t('trace.scan.filled', { n, item: `${item.code} ${item.name}`, lot: outcome.patch.lotNo || '—', expiry: outcome.patch.expiresOn ?? '—', qty }) };
  }, [lines, itemMap, changeLines, firstLocation, t]);

  const onScan = useCallback(
    async (code: string): Promise<{ ok: boolean; text: string }> => {
      if (!editable) return { ok: false, text: t('receiving.notEditable') };
      const gs1 = readGs1(code);
      if (gs1) return onGs1(gs1);
      const found = await resolveScan(code, items.data ?? []);
      if (found.kind === 'unknown') return { ok: false, text: t('widgets.scanUnknown', { code }) };
      if (found.kind === 'ambiguous') return { ok: false, text: t('widgets.scanAmbiguous', { code, items: found.items.map((i) => `${i.code} ${i.name}`).join('、') }) };
      const item: Item = found.item;
      const reveal = (key: string, edit: boolean) =>
        setTimeout(() => {
          const api = gridApi.current;
          const node = api?.getRowNode(key);
          if (!api || !node || node.rowIndex === null) return;
          api.ensureNodeVisible(node);
          api.flashCells({ rowNodes: [node] });
          if (edit) {
            backToScan.current = true;
            api.setFocusedCell(node.rowIndex, 'counted');
            api.startEditingCell({ rowIndex: node.rowIndex, colKey: 'counted' });
          }
        }, 50);

      // A scanned line goes into the blank line at the bottom (the grid keeps that row), or a new one.
      const fillBlank = (patch: Partial<LineDraft>): string => {
        const last = lines.at(-1);
        const target = last && isBlank(last) ? last : blankLine(last?.locationId ?? firstLocation);
        changeLines((old) => (old.some((l) => l.key === target.key) ? old.map((l) => (l.key === target.key ? { ...l, ...patch } : l)) : [...old, { ...target, ...patch }]));
        return target.key;
      };

      if (found.kind === 'item') {
        // An item's barcode counts one more of it on its last line, or starts a line.
        const line = [...lines].reverse().find((l) => l.itemId === item.id);
        if (line) {
          const now = baseUnits(line.counted, item);
          if (now === undefined) return { ok: false, text: t('receiving.atLine', { n: lines.indexOf(line) + 1, message: t('receiving.fixCountFirst') }) };
          const counted = (now ?? 0) + 1;
          changeLines((old) => old.map((l) => (l.key === line.key ? { ...l, counted: String(counted) } : l)), [cellKey(line.key, 'counted')]);
          reveal(line.key, false);
          return { ok: true, text: t('receiving.scanCounted', { item: `${item.code} ${item.name}`, n: lines.indexOf(line) + 1, qty: `${fmtNumber(counted)}${item.unit}` }) };
        }
        const key = fillBlank({ itemId: item.id, counted: '1' });
        reveal(key, false);
        return { ok: true, text: t('receiving.scanAdded', { item: `${item.code} ${item.name}` }) };
      }

      // A lot label: that item and lot, its dates and cost as registered; the count is typed next.
      const existing = lines.find((l) => l.itemId === item.id && l.lotNo === found.lotNo);
      if (existing) {
        reveal(existing.key, true);
        return { ok: true, text: t('receiving.scanLotFound', { lot: found.lotNo, n: lines.indexOf(existing) + 1 }) };
      }
      const lot = found.lot;
      const key = fillBlank({ itemId: item.id, lotNo: found.lotNo, producedOn: lot?.producedOn ?? null, expiresOn: lot?.expiresOn ?? null, unitCost: yuanText(lot?.unitCost ?? null) });
      reveal(key, true);
      return { ok: true, text: t('receiving.scanLotAdded', { item: `${item.code} ${item.name}`, lot: found.lotNo }) };
    },
    [editable, items.data, lines, changeLines, firstLocation, t, onGs1],
  );

  const totals = useMemo(() => {
    let counted = 0;
    let rejected = 0;
    let amount = 0;
    let priced = false;
    let n = 0;
    const kinds = new Set<number>();
    for (const l of lines) {
      if (isBlank(l)) continue;
      n += 1;
      if (l.itemId !== null) kinds.add(l.itemId);
      const item = l.itemId === null ? undefined : itemMap.get(l.itemId);
      const c = baseUnits(l.counted, item) ?? 0;
      const r = baseUnits(l.rejected, item) ?? 0;
      counted += c;
      rejected += r;
      const fen = fenFromYuan(l.unitCost);
      if (fen != null) {
        priced = true;
        amount += fen * (c - r);
      }
    }
    return { n, kinds: kinds.size, counted, rejected, accepted: counted - rejected, amount: priced ? amount : null };
  }, [lines, itemMap]);

  if (id !== null && receipt === null) {
    return <div className="center-message">{status.text ? <p role="alert">{status.text}</p> : <p>{t('app.loading')}</p>}</div>;
  }

  const title =
    receipt === null ? t('receiving.newTitle')
    : receipt.reversesId !== null ? t('receiving.reversalTitle', { no: receipt.no })
    : receipt.no ? t('receiving.title', { no: receipt.no })
    : t('receiving.draftTitle');

  return (
    <section className="page receipt-editor" aria-labelledby="receipt-title">
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          {t('receiving.back')}
        </button>
        <h2 id="receipt-title">{title}</h2>
        {receipt && <ReceiptBadges receipt={receipt} />}
        {dirty && <span className="badge warn">{t('receiving.unsavedBadge')}</span>}
        <span className="spacer" />
        {editable && (
          <>
            <button type="button" disabled={busy} onClick={() => void save()}>
              {t('receiving.saveDraft')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => setAsking('post')}>
              {t('receiving.post')}
            </button>
            {receipt && (
              <button type="button" className="danger" disabled={busy} onClick={() => setAsking('discard')}>
                {t('receiving.discard')}
              </button>
            )}
          </>
        )}
        {receipt?.status === 'posted' && receipt.reversesId === null && receipt.reversedById === null && mayCall('receipts.reverse', role) && (
          <button type="button" className="danger" onClick={() => setAsking('reverse')}>
            {t('receiving.reverse')}
          </button>
        )}
        {receipt && !dirty && <PrintButtons receipt={receipt} />}
      </div>
      <div className={`status-line ${status.kind}`} role="status" aria-label={t('receiving.statusLabel')}>
        {status.text || (receipt ? t('receiving.madeBy', { by: receipt.createdBy, posted: receipt.postedBy ? t('receiving.postedBy', { by: receipt.postedBy, at: localTime(receipt.postedAt) }) : '' }) : t('receiving.newHint'))}
      </div>
      <HeaderForm header={header} editable={editable} errors={errors} onChange={(h) => {
          setHeader(h);
          setDirty(true);
          // A header field the core refused is marked until the storekeeper changes the header.
          setErrors((old) => new Map([...old].filter(([k]) => !k.startsWith('header:'))));
        }} />
      {editable && (
        <div className="receipt-scan-row">
          <ScanField onScan={onScan} inputRef={scanInput} />
          {header.purchaseOrderId === null && header.pledgeId === null && (
            <StartFrom
              onStart={(start, label) => {
                setHeader((h) => ({ ...h, sourceType: start.sourceType, supplierId: start.supplierId, reference: start.reference, purchaseOrderId: start.purchaseOrderId, pledgeId: start.pledgeId }));
                changeLines((old) => [
                  ...old.filter((l) => !isBlank(l)),
                  ...start.lines.map((l) => ({ ...blankLine(old.at(-1)?.locationId ?? firstLocation), itemId: l.itemId, counted: String(l.counted), unitCost: yuanText(l.unitCost) })),
                ]);
                setStatus({ kind: 'saved', text: t('receiving.startFrom.started', { doc: label, n: start.lines.length }) });
              }}
            />
          )}
        </div>
      )}
      <LinesGrid lines={rows} items={itemMap} locations={locations.data ?? []} editable={editable} errors={errors} onEdit={onEdit} onRemove={onRemove} apiRef={gridApi} />
      <div className="receipt-totals" aria-label={t('receiving.totals')}>
        <span>{t('receiving.totalLines', { n: totals.n, kinds: totals.kinds })}</span>
        <span>
          {t('receiving.col.counted')} <b>{fmtNumber(totals.counted)}</b> {t('receiving.pieces')}
        </span>
        <span>
          {t('receiving.col.rejected')} <b className={totals.rejected ? 'error-text' : ''}>{fmtNumber(totals.rejected)}</b> {t('receiving.pieces')}
        </span>
        <span>
          {t('receiving.col.accepted')} <b>{fmtNumber(totals.accepted)}</b> {t('receiving.pieces')}
        </span>
        <span>
          {t('receiving.col.amount')} <b>{totals.amount === null ? t('receiving.unpriced') : `¥${yuan(totals.amount)}`}</b>
        </span>
      </div>
      {asking === 'reverse' && receipt && <ReasonDialog title={t('receiving.reverseTitle', { no: receipt.no })} hint={t('receiving.reverseHint')} confirm={t('receiving.reverse')} onConfirm={reverse} onClose={() => setAsking(null)} />}
      {large && (
        <ConfirmDialog
          title={t('receiving.largeTitle', { n: large.n })}
          text={t('receiving.largeText', { qty: large.qty, usual: large.usual })}
          confirm={t('receiving.largeConfirm')}
          onConfirm={async () => {
            onEdit(large.key, large.field, large.text, true);
            setLarge(null);
            return null;
          }}
          onClose={() => setLarge(null)}
        />
      )}
      {asking === 'post' && (
        <ConfirmDialog
          title={t('receiving.postTitle')}
          text={t('receiving.postSummary', {
            kinds: totals.kinds,
            lines: totals.n,
            accepted: fmtNumber(totals.accepted),
            rejected: fmtNumber(totals.rejected),
            amount: totals.amount === null ? t('receiving.unpriced') : `¥${yuan(totals.amount)}`,
          })}
          confirm={t('receiving.post')}
          onConfirm={async () => {
            setAsking(null);
            await post();
            return null;
          }}
          onClose={() => setAsking(null)}
        />
      )}
      {learning && <LearnGtinDialog gtin={learning.gtin} items={(items.data ?? []).filter((i) => i.active)} onDone={learning.done} />}
      {asking === 'discard' && <ConfirmDialog title={t('receiving.discardTitle')} text={t('receiving.discardHint')} confirm={t('receiving.discard')} onConfirm={discard} onClose={() => setAsking(null)} />}
    </section>
  );
}

/** 草稿 / 已过账, and the marks of a reversal pair (红冲单 of RK…, 已红冲 by HC…). */
export function ReceiptBadges({ receipt }: { receipt: Pick<Receipt, 'status' | 'reversesNo' | 'reversedByNo' | 'reversesId' | 'reversedById'> }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <span className={`badge ${receipt.status === 'posted' ? 'ok' : 'info'}`}>{t(`receiptStatus.${receipt.status}`)}</span>
      {receipt.reversesId !== null && <span className="badge bad">{t('receiving.reversalOf', { no: receipt.reversesNo })}</span>}
      {receipt.reversedById !== null && <span className="badge bad">{t('receiving.reversedBy', { no: receipt.reversedByNo })}</span>}
    </span>
  );
}

/** The most one receipt line plausibly holds: a hundred of the item's largest pack (or 10,000 loose units). */
function usualMaximum(item: Item): number {
  const largest = Math.max(0, ...item.packs.map((p) => p.per));
  return largest > 0 ? largest * 100 : 10_000;
}
