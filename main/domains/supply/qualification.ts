import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { localDay } from '../../core/doc-numbers.ts';
import { mustBeApprover } from '../../core/duties.ts';

/**
 * An order straight to a supplier whose licence or registration has expired goes out only on an
 * approver's word, with the reason kept: the same rule as a procurement plan's split.
 */
export function refuseExpiredSupplier(ctx: Ctx, supplierId: number, overrideReason: string): void {
  const s = ctx.store.first<{ name: string; qualification_expiry: string | null }>('SELECT name, qualification_expiry FROM suppliers WHERE id = ?', [supplierId]);
  if (!s?.qualification_expiry || s.qualification_expiry >= localDay(ctx.now)) return;
  if (overrideReason === '') {
    throw new DepotError('supplier_expired_order', { supplier: s.name, expiry: s.qualification_expiry }, 'overrideReason');
  }
  mustBeApprover(ctx, 'expiredSupplier');
  audit(ctx, 'override', 'supplier', supplierId, { expiry: s.qualification_expiry }, { reason: overrideReason });
}
