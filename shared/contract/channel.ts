import { z } from 'zod';
import type { Role } from '../domain.ts';

/**
 * Who may call a channel: anyone (sign-in, first-run setup), any signed-in operator of the depot
 * (signedIn), any signed-in operator including the command center's staff (session: the city's
 * views and one's own session), or the listed roles. Admins may do everything a depot operator may;
 * the center's staff only what is marked session or names them.
 */
export type Access = 'public' | 'signedIn' | 'session' | readonly Role[];

/** Whether an operator of this role (undefined: signed out) may call a channel with this access. */
export function mayAccess(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (!role) return false;
  if (access === 'session') return true;
  if (role === 'center') return access !== 'signedIn' && access.includes(role);
  return access === 'signedIn' || role === 'admin' || access.includes(role);
}

export type ChannelKind = 'query' | 'command';

export interface ChannelSpec<S extends z.ZodType = z.ZodType, O = unknown, K extends ChannelKind = ChannelKind> {
  /** query: reads (or changes only the session); command: writes in one transaction, carries a requestId, idempotent. */
  readonly kind: K;
  readonly input: S;
  readonly access: Access;
  /** Type-level only: what the channel answers with. */
  readonly output: O;
  /**
   * A command whose answer is a document too large to keep in its idempotency record (a plan of
   * 300,000 lines; a posted receipt or shipment, 8 KB at 20 lines, on every posting's path): the
   * record keeps this query's input instead, and a repeated request answers with that query — the
   * same document, as it stands now.
   */
  readonly replayBy?: { channel: string; input(answer: O): unknown };
}

/** A request id from the client: the same id sent again returns the first answer and writes nothing. */
export const RequestId = z.string().min(8).max(64);

export function query<O>() {
  return <S extends z.ZodType>(input: S, access: Access = 'signedIn'): ChannelSpec<S, O, 'query'> => ({
    kind: 'query',
    input,
    access,
    output: undefined as O,
  });
}

export function command<O>() {
  return <T extends z.ZodRawShape>(input: z.ZodObject<T>, access: Access, replayBy?: ChannelSpec['replayBy'] & { input(answer: O): unknown }) => {
    const withId = z.object({ ...input.shape, requestId: RequestId });
    return { kind: 'command', input: withId, access, output: undefined as O, ...(replayBy ? { replayBy } : {}) } as ChannelSpec<typeof withId, O, 'command'>;
  };
}

/** Shared field shapes. */
export const Id = z.int().positive();
export const Version = z.int().positive();
export const Text = (max: number) => z.string().trim().max(max);
export const Required = (max: number) => z.string().trim().min(1).max(max);
/** An ISO date (YYYY-MM-DD). */
export const IsoDate = z.iso.date();

/**
 * An update of some fields of a versioned row: refused as stale if the row has moved on. A field
 * present but undefined (Electron's IPC keeps such keys) is no change: it is dropped here, so
 * `{active: undefined}` neither deactivates an item nor ends in a NOT NULL error.
 */
export function patchOf<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  return z.object({
    id: Id,
    version: Version,
    changes: z.preprocess(
      (c) => (c !== null && typeof c === 'object' && !Array.isArray(c) ? Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) : c),
      fields.partial().refine((c) => Object.keys(c).length > 0, { message: 'empty' }),
    ),
  });
}
