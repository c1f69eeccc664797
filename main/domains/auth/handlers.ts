import type { authChannels } from '../../../shared/contract/auth.ts';
import type { SessionState } from '../../../shared/contract/index.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import type { Ctx } from '../../core/context.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { findOperator, findOperatorByCode, listOperators, needsSetup } from './operators.ts';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES, lockedUntil } from './lockout.ts';
import { noSelfApproval, setNoSelfApproval } from '../../core/duties.ts';
import { localDateTime } from '../ledger/period.ts';
import { idleLockMinutes, setIdleLockMinutes } from './idle-lock.ts';

function state(ctx: Ctx): SessionState {
  const operator = ctx.session.operatorId === null ? null : (findOperator(ctx.store, ctx.session.operatorId) ?? null);
  return { needsSetup: needsSetup(ctx.store), operator, locale: ctx.session.locale };
}

function mustFind(ctx: Ctx, id: number) {
  const found = findOperator(ctx.store, id);
  if (!found || found.code === 'system') throw new DepotError('not_found', { entity: 'operator', id });
  return found;
}

export const authHandlers: DomainHandlers<typeof authChannels> = {
  'auth.status': (_input, ctx) => state(ctx),

  'auth.setupAdmin': (input, ctx) => {
    if (!needsSetup(ctx.store)) throw new DepotError('setup_done');
    const { lastInsertRowid } = ctx.store.run(
      `INSERT INTO operators (code, name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?, ?)`,
      [input.code, input.name, hashPassword(input.password), ctx.now, ctx.now],
    );
    const admin = mustFind(ctx, Number(lastInsertRowid));
    audit(ctx, 'create', 'operator', admin.id, null, admin);
    ctx.session.operatorId = admin.id;
    return state(ctx);
  },

  // A query, not a command: the failures it records must stay recorded although the call is refused.
  'auth.signIn': (input, ctx) => {
    const found = findOperatorByCode(ctx.store, input.code);
    const locked = () => {
      const until = found && lockedUntil(ctx.store, found.id, ctx.now);
      return until ? new DepotError('signin_locked', { count: LOCK_AFTER_FAILURES, until: localDateTime(until) }) : null;
    };
    // While locked even the right password is refused, and it is not checked at all.
    const before = locked();
    if (before) throw before;
    // Verify even for an unknown code so that timing does not tell which codes exist.
    const ok = verifyPassword(input.password, found?.passwordHash ?? 'scrypt$1024$8$1$AAAA$AAAA');
    if (!found || !ok || !found.active) {
      if (found) audit(ctx, 'signInFailed', 'operator', found.id, null, null);
      throw locked() ?? new DepotError('bad_credentials');
    }
    audit(ctx, 'signIn', 'operator', found.id, null, null);
    ctx.session.operatorId = found.id;
    return state(ctx);
  },

  'auth.changePassword': ({ currentPassword, newPassword }, ctx) => {
    const me = findOperatorByCode(ctx.store, ctx.operator.code);
    if (!me || !verifyPassword(currentPassword, me.passwordHash)) throw new DepotError('wrong_password', {}, 'currentPassword');
    ctx.store.run('UPDATE operators SET password_hash = ?, version = version + 1, updated_at = ? WHERE id = ?', [hashPassword(newPassword), ctx.now, me.id]);
    // Who and when only: neither password nor hash is ever written to a log.
    audit(ctx, 'changePassword', 'operator', me.id, null, null);
    ctx.emit('data.changed', { entity: 'operators' });
    return state(ctx);
  },

  'operators.policy': (_input, ctx) => ({ noSelfApproval: noSelfApproval(ctx.store), lockAfterFailures: LOCK_AFTER_FAILURES, lockMinutes: LOCK_MINUTES }),

  'operators.setPolicy': ({ noSelfApproval: on }, ctx) => {
    const before = noSelfApproval(ctx.store);
    setNoSelfApproval(ctx.store, on);
    audit(ctx, 'update', 'setting', 'duties.noSelfApproval', before, on);
    return { noSelfApproval: on, lockAfterFailures: LOCK_AFTER_FAILURES, lockMinutes: LOCK_MINUTES };
  },

  'auth.signOut': (_input, ctx) => {
    ctx.session.operatorId = null;
    return state(ctx);
  },

  'auth.setLocale': (input, ctx) => {
    ctx.session.locale = input.locale;
    return state(ctx);
  },

  'auth.idleLock': (_input, ctx) => ({ minutes: idleLockMinutes(ctx.store) }),

  'auth.setIdleLock': ({ minutes }, ctx) => {
    const before = idleLockMinutes(ctx.store);
    setIdleLockMinutes(ctx.store, minutes);
    audit(ctx, 'update', 'setting', 'auth.idleLockMinutes', before, minutes);
    ctx.emit('data.changed', { entity: 'auth' });
    return { minutes };
  },

  'operators.list': (_input, ctx) => listOperators(ctx.store),

  'operators.create': (input, ctx) => {
    const { lastInsertRowid } = ctx.store.run(
      `INSERT INTO operators (code, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [input.code, input.name, input.role, hashPassword(input.password), ctx.now, ctx.now],
    );
    const created = mustFind(ctx, Number(lastInsertRowid));
    audit(ctx, 'create', 'operator', created.id, null, created);
    ctx.emit('data.changed', { entity: 'operators' });
    return created;
  },

  'operators.update': ({ id, version, changes }, ctx) => {
    const before = mustFind(ctx, id);
    if (before.version !== version) throw new DepotError('stale', { version: before.version });
    const next = { ...before, ...changes };
    if (before.id === ctx.operator.id && (next.role !== 'admin' || !next.active)) {
      // An admin cannot lock themself out.
      throw new DepotError('in_use');
    }
    ctx.store.run(
      `UPDATE operators SET code = ?, name = ?, role = ?, active = ?, version = version + 1, updated_at = ?,
         password_hash = coalesce(?, password_hash)
       WHERE id = ? AND version = ?`,
      [next.code, next.name, next.role, next.active ? 1 : 0, ctx.now, changes.password ? hashPassword(changes.password) : null, id, version],
    );
    const after = mustFind(ctx, id);
    audit(ctx, 'update', 'operator', id, before, after);
    // An admin's reset: its own entry (who reset whose password, when), which also ends a lock.
    if (changes.password) audit(ctx, 'resetPassword', 'operator', id, null, { code: after.code });
    ctx.emit('data.changed', { entity: 'operators' });
    return after;
  },
};
