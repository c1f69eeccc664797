import type { SupplierContact } from '../../../shared/contract/index.ts';
import type { Store } from '../../store/db.ts';

export function listContacts(store: Store, supplierId: number): SupplierContact[] {
  return store
    .all<Record<string, unknown>>(
      `SELECT c.*, o.name AS operator, i.name AS item_name FROM supplier_contacts c
         JOIN operators o ON o.id = c.operator_id LEFT JOIN items i ON i.id = c.item_id
        WHERE c.supplier_id = ? ORDER BY c.at DESC, c.id DESC`,
      [supplierId],
    )
    .map((c) => ({
      id: c.id as number,
      supplierId: c.supplier_id as number,
      at: c.at as string,
      operator: c.operator as string,
      method: c.method as string,
      outcome: c.outcome as string,
      itemId: c.item_id as number | null,
      itemName: c.item_name as string | null,
      promisedQty: c.promised_qty as number | null,
      promisedDate: c.promised_date as string | null,
      note: c.note as string,
    }));
}
