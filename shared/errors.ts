/** Every refusal the core can answer with. The message for each lives in shared/i18n under errors.<code>. */
export const ERROR_CODES = [
  'invalid_input',
  'not_signed_in',
  'forbidden',
  'bad_credentials',
  'setup_done',
  'not_found',
  'stale',
  'duplicate',
  'in_use',
  'insufficient_stock',
  'not_draft',
  'already_reversed',
  'lot_mismatch',
  'bad_quantity',
  'too_many',
  'quantity_range',
  'day_closed',
  'bad_status',
  'lot_reserved',
  'same_location',
  'bad_transition',
  'short_stock',
  'not_dispatchable',
  'lot_not_shippable',
  'nothing_to_post',
  'costing_locked',
  'bad_subgroup',
  'busy',
  'disk_full',
  'cannot_write',
  'backup_bad',
  'has_discrepancies',
  'plan_over',
  'plan_reserve',
  'plan_superseded',
  'print_failed',
  'approver_only',
  'own_document',
  'signin_locked',
  'wrong_password',
  'request_reused',
  'depot_in_use',
  'item_has_stock',
  'unknown_channel',
  'db_too_new',
  'internal',
  'server_not_pinned',
  'server_certificate_changed',
  'server_unreachable',
  'signin_throttled',
  'server_link_down',
  'over_receipt',
  'order_ended',
  'source_mismatch',
  'supplier_expired',
  'order_received',
  'no_certificate',
  'supplier_expired_order',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** Already translated into the operator's language. */
  message: string;
  /** The input field the error is about, when there is one (a grid shows it at that cell). */
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };
