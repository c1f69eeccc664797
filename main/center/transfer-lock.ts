import type { Ctx } from '../core/context.ts';
import { DepotError } from '../core/errors.ts';

/**
 * A receipt drafted for a transfer the sending depot has since reversed (红冲) would take in goods
 * that never left: refused, once the center has said so (transfer_cancellations, migration 023).
 */
export function refuseIfTransferCancelled(ctx: Ctx, reference: string | null): void {
  if (!reference) return;
  const c = ctx.store.first<{ reversal_no: string }>('SELECT reversal_no FROM transfer_cancellations WHERE reference = ?', [reference]);
  if (c) throw new DepotError('transfer_cancelled', { reference, reversal: c.reversal_no });
}
