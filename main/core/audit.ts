import type { Ctx } from './context.ts';

/** Appends who did what, when, with the row before and after. The table refuses UPDATE and DELETE. */
export function audit(ctx: Ctx, action: string, entity: string, entityId: string | number | null, before: unknown, after: unknown): void {
  ctx.store.run(
    `INSERT INTO audit_log (at, operator_id, action, entity, entity_id, before, after, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ctx.now,
      ctx.operator.id,
      action,
      entity,
      entityId === null ? null : String(entityId),
      before === undefined || before === null ? null : JSON.stringify(before),
      after === undefined || after === null ? null : JSON.stringify(after),
      ctx.requestId,
    ],
  );
}
