import type { TFunction } from 'i18next';
import type { Inspection, Item, Receipt, ReceiptLine, SourceType } from '../../../shared/contract/index.ts';
import { parseQuantity } from '../../../shared/packs.ts';
import type { CommandInput } from '../../api.ts';
import { fenFromYuan, fromLocalInput, toLocalInput, yuanText } from '../../widgets/format.ts';

/**
 * A receipt line as the storekeeper types it: quantities as text ("20箱 3盒" goes to the core
 * as typed, which parses it with the item's packs), the unit cost in yuan.
 */
export interface LineDraft {
  /** The grid's row id; stays with the line while it is edited. */
  key: string;
  itemId: number | null;
  lotNo: string;
  producedOn: string | null;
  expiresOn: string | null;
  counted: string;
  rejected: string;
  rejectReason: string;
  /** Why a lot-tracked line has no expiry (typed into the expiry cell as "无有效期：原因"). */
  noExpiryReason: string;
  /** Yuan, as typed. */
  unitCost: string;
  locationId: number | null;
  inspection: 'accepted' | 'pending';
  /** 药品追溯码 and UDI serials scanned on the line. */
  codes: string[];
}

export const DOCUMENT_KINDS = ['business_licence', 'device_registration', 'test_report', 'other'] as const;

export interface HeaderDraft {
  sourceType: SourceType;
  supplierId: number | null;
  unitId: number | null;
  reference: string;
  vehicle: string;
  /** As <input type="datetime-local"> holds it. */
  receivedAt: string;
  note: string;
  inspection: Inspection;
  /** What the unit costs typed on goods not bought rest on: the declared value, or one the depot assessed. */
  valueBasis: 'declared' | 'assessed';
  /** The purchase order or pledge the goods arrive against (the receipt counts towards it). */
  purchaseOrderId: number | null;
  pledgeId: number | null;
}

/** The fields of a line that a refusal can name ('lines.1.counted'), in the grid's order. */
export const LINE_FIELDS = ['itemId', 'lotNo', 'producedOn', 'expiresOn', 'counted', 'rejected', 'rejectReason', 'unitCost', 'locationId', 'inspection'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

let nextKey = 1;
export const newKey = () => `n${nextKey++}`;

export function blankLine(locationId: number | null): LineDraft {
  return { key: newKey(), itemId: null, lotNo: '', producedOn: null, expiresOn: null, counted: '', rejected: '', rejectReason: '', noExpiryReason: '', unitCost: '', locationId, inspection: 'accepted', codes: [] };
}

/** A line nobody has started: left out when saving. */
export const isBlank = (l: LineDraft) => l.itemId === null && l.counted.trim() === '' && l.lotNo.trim() === '';

export function lineFromReceipt(l: ReceiptLine): LineDraft {
  return {
    key: `l${l.id}`,
    itemId: l.itemId,
    lotNo: l.lotNo,
    producedOn: l.producedOn,
    expiresOn: l.expiresOn,
    counted: String(l.counted),
    rejected: l.rejected ? String(l.rejected) : '',
    rejectReason: l.rejectReason,
    noExpiryReason: l.noExpiryReason,
    unitCost: yuanText(l.unitCost),
    locationId: l.locationId,
    inspection: l.inspection,
    codes: l.codes,
  };
}

export const blankInspection = (): Inspection => ({
  documents: DOCUMENT_KINDS.map((kind) => ({ kind, checked: false, expiresOn: null })),
  standard: '',
  packaging: 'intact',
  result: 'accepted',
  inspector: '',
  note: '',
});

export function headerFromReceipt(r: Receipt | null): HeaderDraft {
  const saved = r?.inspection;
  const inspection = blankInspection();
  if (saved) {
    // Every document kind keeps its row, in the same order, whatever was saved.
    inspection.documents = DOCUMENT_KINDS.map((kind) => saved.documents.find((d) => d.kind === kind) ?? { kind, checked: false, expiresOn: null });
    Object.assign(inspection, { standard: saved.standard, packaging: saved.packaging, result: saved.result, inspector: saved.inspector, note: saved.note });
  }
  return {
    sourceType: r?.sourceType ?? 'purchase',
    supplierId: r?.supplierId ?? null,
    unitId: r?.unitId ?? null,
    reference: r?.reference ?? '',
    vehicle: r?.vehicle ?? '',
    receivedAt: toLocalInput(r?.receivedAt ?? new Date().toISOString()),
    note: r?.note ?? '',
    inspection,
    valueBasis: r?.lines.some((l) => l.valueBasis === 'assessed') ? 'assessed' : 'declared',
    purchaseOrderId: r?.purchaseOrderId ?? null,
    pledgeId: r?.pledgeId ?? null,
  };
}

/** An inspection nobody filled in is not recorded (null), rather than recorded as passed by nobody. */
function inspectionToWire(i: Inspection): Inspection | null {
  const touched = i.inspector.trim() || i.standard.trim() || i.note.trim() || i.documents.some((d) => d.checked || d.expiresOn) || i.result !== 'accepted' || i.packaging !== 'intact';
  return touched ? i : null;
}

/** Base units of a typed quantity: null when empty, undefined when it cannot be read with the item's units. */
export function baseUnits(text: string, item: Item | undefined): number | null | undefined {
  if (text.trim() === '') return null;
  if (!item) return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
  return parseQuantity(text, item.unit, item.packs) ?? undefined;
}

export const cellKey = (key: string, field: string) => `${key}:${field}`;

/**
 * What the screen can tell before asking the core: an item that is not one, a quantity or a
 * price that cannot be read. Everything else (lot numbers, rejected ≤ counted, reasons,
 * dates) is the core's to say.
 */
export function localProblems(lines: readonly LineDraft[], items: ReadonlyMap<number, Item>, t: TFunction): Map<string, string> {
  const problems = new Map<string, string>();
  for (const l of lines) {
    if (isBlank(l)) continue;
    const item = l.itemId === null ? undefined : items.get(l.itemId);
    const required = (field: LineField, name: string) => problems.set(cellKey(l.key, field), t('issue.required', { field: t(name) }));
    if (!item) required('itemId', 'field.itemId');
    if (l.counted.trim() === '') required('counted', 'field.counted');
    for (const f of ['counted', 'rejected'] as const) {
      if (baseUnits(l[f], item) === undefined) {
        problems.set(cellKey(l.key, f), t('errors.bad_quantity', { value: l[f], units: item ? [item.unit, ...item.packs.map((p) => p.unit)].join('、') : t('field.itemId') }));
      }
    }
    if (fenFromYuan(l.unitCost) === undefined) problems.set(cellKey(l.key, 'unitCost'), t('receiving.badYuan', { value: l.unitCost }));
    if (l.locationId === null) required('locationId', 'field.location');
  }
  return problems;
}

export type DraftInput = CommandInput<'receipts.saveDraft'>;

/** The draft as the core takes it, and which grid row each sent line came from (refusals name 'lines.<index>.<field>'). */
export function toWire(id: number | undefined, version: number | undefined, h: HeaderDraft, lines: readonly LineDraft[]): { input: DraftInput; keys: string[] } {
  const sent = lines.filter((l) => !isBlank(l));
  const bySupplier = h.sourceType !== 'return';
  return {
    keys: sent.map((l) => l.key),
    input: {
      ...(id === undefined ? {} : { id, version }),
      sourceType: h.sourceType,
      supplierId: bySupplier ? h.supplierId : null,
      unitId: bySupplier ? null : h.unitId,
      purchaseOrderId: h.purchaseOrderId,
      pledgeId: h.pledgeId,
      reference: h.reference,
      vehicle: h.vehicle,
      receivedAt: fromLocalInput(h.receivedAt),
      note: h.note,
      inspection: inspectionToWire(h.inspection),
      lines: sent.map((l) => ({
        itemId: l.itemId ?? 0,
        lotNo: l.lotNo,
        producedOn: l.producedOn || null,
        expiresOn: l.expiresOn || null,
        // Plain numbers go as numbers, pack texts as typed: the core reads them with the item's packs.
        counted: /^\d+$/.test(l.counted.trim()) ? Number(l.counted.trim()) : l.counted.trim(),
        rejected: l.rejected.trim() === '' ? 0 : /^\d+$/.test(l.rejected.trim()) ? Number(l.rejected.trim()) : l.rejected.trim(),
        rejectReason: l.rejectReason,
        noExpiryReason: l.expiresOn ? '' : l.noExpiryReason,
        unitCost: fenFromYuan(l.unitCost) ?? null,
        valueBasis: h.sourceType === 'purchase' || h.sourceType === 'opening' ? ('price' as const) : h.valueBasis,
        locationId: l.locationId ?? 0,
        inspection: l.inspection,
        codes: l.codes,
      })),
    },
  };
}

/** "无有效期：金属器械" (or "无：…") typed into the expiry cell → the reason; undefined when the text is no such thing. */
export function noExpiryTyped(text: string): string | undefined {
  const m = /^无(?:有效期)?\s*[:：,，]?\s*(.*)$/.exec(text.trim());
  return m ? m[1]!.trim() : undefined;
}
