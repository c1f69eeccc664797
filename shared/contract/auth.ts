import { z } from 'zod';
import { LOCALES, ROLES, type Locale, type Role } from '../domain.ts';
import { command, query, Required, patchOf } from './channel.ts';

export interface OperatorInfo {
  id: number;
  code: string;
  name: string;
  role: Role;
  active: boolean;
  version: number;
}

export interface SessionState {
  /** True until the first admin has been created (first run). */
  needsSetup: boolean;
  operator: OperatorInfo | null;
  locale: Locale;
}

/** The rules of sign-in and approval an admin sees (and, for 不得审核本人单据, sets). */
export interface OperatorPolicy {
  /** No one approves, reverses, releases or writes off their own document (on unless turned off). */
  noSelfApproval: boolean;
  /** Wrong passwords in a row that lock an operator, and for how long. */
  lockAfterFailures: number;
  lockMinutes: number;
}

/** How long a signed-in desk may sit without input before it locks itself (shows the sign-in again). */
export interface IdleLock {
  /** 0: never. */
  minutes: number;
}
export const IDLE_LOCK_MINUTES = { default: 15, max: 480 } as const;

const Password = z.string().min(8).max(128);
const operatorFields = z.object({
  code: Required(32).regex(/^[A-Za-z0-9_.-]+$/),
  name: Required(40),
  role: z.enum(ROLES),
  active: z.boolean(),
  password: Password,
});

export const authChannels = {
  'auth.status': query<SessionState>()(z.object({}), 'public'),
  'auth.setupAdmin': command<SessionState>()(
    z.object({ code: operatorFields.shape.code, name: operatorFields.shape.name, password: Password }),
    'public',
  ),
  'auth.signIn': query<SessionState>()(z.object({ code: Required(32), password: z.string().min(1).max(128) }), 'public'),
  'auth.signOut': query<SessionState>()(z.object({}), 'public'),
  'auth.setLocale': query<SessionState>()(z.object({ locale: z.enum(LOCALES) }), 'public'),

  /** An operator changes their own password, giving the current one. */
  'auth.changePassword': command<SessionState>()(z.object({ currentPassword: z.string().min(1).max(128), newPassword: Password }), 'session'),

  /** The depot's idle lock: every desk signed in signs itself out after this long without a key or a click (a shared desk at night). */
  'auth.idleLock': query<IdleLock>()(z.object({}), 'session'),
  'auth.setIdleLock': command<IdleLock>()(z.object({ minutes: z.int().min(0).max(IDLE_LOCK_MINUTES.max) }), ['admin']),

  'operators.list': query<OperatorInfo[]>()(z.object({}), ['admin']),
  'operators.policy': query<OperatorPolicy>()(z.object({}), 'signedIn'),
  'operators.setPolicy': command<OperatorPolicy>()(z.object({ noSelfApproval: z.boolean() }), ['admin']),
  'operators.create': command<OperatorInfo>()(operatorFields.omit({ active: true }), ['admin']),
  'operators.update': command<OperatorInfo>()(patchOf(operatorFields), ['admin']),
};

