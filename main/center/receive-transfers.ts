import type { KeyObject } from 'node:crypto';
import type { Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import type { Depot, Session } from '../core/depot.ts';
import type { CancelledTransfer, PendingTransfer } from './transfers.ts';
import { postToCenter, type CenterLink } from './sync.ts';
import { signedRequest } from './verify.ts';

export type PendingAnswer = { ok: true; transfers: PendingTransfer[]; cancelled?: CancelledTransfer[] } | { ok: false; message?: string };

/** What the center knows to be on its way to this depot. */
export async function fetchPendingTransfers(link: CenterLink, depot: string, key: KeyObject, locale: Locale = 'zh-CN'): Promise<PendingAnswer> {
  const { answer } = await postToCenter<PendingAnswer>(link, '/v1/transfers/pending', JSON.stringify(signedRequest(depot, key)), locale);
  return answer;
}

export interface Drafted {
  drafted: { reference: string; receiptId: number }[];
  refused: { reference: string; message: string }[];
}

/**
 * Keeps the transfers to this depot that their senders reversed, so that a receipt drafted for one
 * is refused when posted (main/center/transfer-lock.ts). Answers the references it learned now.
 */
export function recordCancelledTransfers(depot: Depot, cancelled: CancelledTransfer[], now = new Date().toISOString()): string[] {
  return depot.store.tx(() =>
    cancelled
      .filter(
        (c) =>
          depot.store.run('INSERT INTO transfer_cancellations (reference, reversal_no, cancelled_at, learned_at) VALUES (?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING', [c.reference, c.reversalNo, c.cancelledAt, now])
            .changes > 0,
      )
      .map((c) => c.reference),
  );
}

/**
 * Each transfer on its way becomes a draft receipt at this depot with the sender's lines, lots,
 * expiry and cost, which the storekeeper counts, inspects and posts like any receipt (shortages
 * and damage as counted and rejected). The receipt names the transfer in its reference, which is
 * how the center sees it arrive. A transfer already drafted here is not drafted again.
 */
export async function draftTransferReceipts(depot: Depot, keeper: Session, transfers: PendingTransfer[], locale: Locale = 'zh-CN'): Promise<Drafted> {
  const t = i18nFor(locale).t;
  const out: Drafted = { drafted: [], refused: [] };
  const store = depot.store;
  const location = store.first<{ id: number }>('SELECT id FROM locations WHERE active = 1 ORDER BY code LIMIT 1');
  for (const transfer of transfers) {
    if (store.first('SELECT 1 FROM receipts WHERE reference = ?', [transfer.reference])) continue;
    const missing = transfer.lines.filter((l) => !store.first('SELECT 1 FROM items WHERE code = ?', [l.itemCode])).map((l) => `${l.itemCode} ${l.itemName}`);
    if (missing.length > 0 || !location) {
      out.refused.push({ reference: transfer.reference, message: missing.length > 0 ? t('center.transfer.unknownItems', { items: missing.join('、') }) : t('center.transfer.noLocation') });
      continue;
    }
    // The sending depot as a supplier of this one (旗县区支援), where it is set up so; otherwise 其他.
    const supplier = store.first<{ id: number }>('SELECT id FROM suppliers WHERE code = ?', [transfer.fromDepot]);
    const result = await depot.invoke(
      'receipts.saveDraft',
      {
        sourceType: supplier ? 'district' : 'other',
        supplierId: supplier?.id ?? null,
        reference: transfer.reference,
        note: t('center.transfer.note', { from: transfer.fromName, no: transfer.dispatchNo }),
        lines: transfer.lines.map((l) => ({
          itemId: store.first<{ id: number }>('SELECT id FROM items WHERE code = ?', [l.itemCode])!.id,
          lotNo: l.lotNo,
          expiresOn: l.expiresOn,
          noExpiryReason: l.expiresOn ? '' : t('center.transfer.noExpiry'),
          counted: l.qty,
          unitCost: l.unitCost,
          locationId: location.id,
        })),
        requestId: `transfer:${transfer.reference}`.slice(0, 64),
      },
      keeper,
    );
    if (result.ok) out.drafted.push({ reference: transfer.reference, receiptId: result.data.id });
    else out.refused.push({ reference: transfer.reference, message: result.error.message });
  }
  return out;
}

/**
 * One round at the depot: what is on its way, drafted as receipts by the desk itself (the system
 * operator), for a storekeeper to count, inspect and post. A transfer it cannot draft (an item this
 * depot lacks) is said in words and tried again next round. Transfers the sender reversed are kept,
 * and their drafts can no longer be posted.
 */
export async function receiveTransfers(
  depot: Depot,
  code: string,
  key: KeyObject,
  link: CenterLink,
  locale: Locale = 'zh-CN',
): Promise<({ ok: true; cancelled: string[] } & Drafted) | { ok: false; message: string }> {
  let pending: PendingAnswer;
  try {
    pending = await fetchPendingTransfers(link, code, key, locale);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  if (!pending.ok) return { ok: false, message: pending.message ?? '' };
  const cancelled = recordCancelledTransfers(depot, pending.cancelled ?? []);
  return { ok: true, cancelled, ...(await draftTransferReceipts(depot, depot.systemSession(locale), pending.transfers, locale)) };
}
