import { z } from 'zod';
import type { TFunction } from 'i18next';
import { channels, isChannel, type ChannelName, type EventName, type Events, type Output } from '../../shared/contract/index.ts';
import { mayAccess } from '../../shared/contract/channel.ts';
import type { AppError, Result } from '../../shared/errors.ts';
import type { Locale } from '../../shared/domain.ts';
import { i18nFor, DEFAULT_LOCALE } from '../../shared/i18n/index.ts';
import { openStore, type Store } from '../store/db.ts';
import { applyPendingRestore } from '../store/backups.ts';
import { ensureKeptFlows } from '../domains/ledger/flows.ts';
import { pruneRequests } from './requests.ts';
import { DepotError } from './errors.ts';
import { MAX_QUANTITY } from '../../shared/packs.ts';
import type { Ctx, Session } from './context.ts';
import { handlers } from './handlers.ts';
import { findOperator, SYSTEM_OPERATOR_ID } from '../domains/auth/operators.ts';
import { nodePrintPort, type PrintPort } from '../domains/print/port.ts';

export type { Session } from './context.ts';

export interface DepotOptions {
  dbPath: string;
  /** The time of each call; tests pin it. */
  clock?: () => Date;
  /** How documents are printed: the app's hidden window; by default Chromium under Node, started on first use. */
  printer?: PrintPort;
}

export interface Depot {
  invoke<C extends ChannelName>(channel: C, input: unknown, session: Session): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** A new, signed-out session (one per window). */
  createSession(locale?: Locale): Session;
  /** The session the CLI and scripted work act in: the system operator, with an admin's rights. */
  systemSession(locale?: Locale): Session;
  /** For tests, benchmarks and the CLI's backup: the store itself. */
  readonly store: Store;
  /** Closes the store at once; resolves when the printer (a Chromium under Node) has shut down too. */
  close(): Promise<void>;
}

/**
 * The one door to everything the main process does. Electron's ipcMain, the tests and the
 * CLI all come through here; it never imports electron.
 */
export function openDepot({ dbPath, clock = () => new Date(), printer = nodePrintPort() }: DepotOptions): Depot {
  // A restore chosen on the restore screen is carried out here, before the file is opened.
  applyPendingRestore(dbPath);
  const store = openStore(dbPath);
  ensureKeptFlows(store);
  // Request records past their days go (main/core/requests.ts). Housekeeping never keeps a depot
  // from opening: a file opened read-only, or held by another desk past busy_timeout, is pruned at
  // the next opening or day close.
  try {
    pruneRequests(store, clock());
  } catch {
    // (nothing written; see above)
  }
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
  };

  async function invoke<C extends ChannelName>(channel: C, rawInput: unknown, session: Session): Promise<Result<Output<C>>> {
    const t = i18nFor(session.locale).t;
    const fail = (e: DepotError): Result<never> => ({ ok: false, error: translate(e, t) });
    if (!isChannel(channel)) return fail(new DepotError('unknown_channel', { channel: String(channel) }));
    const spec = channels[channel];

    const signedIn = session.operatorId === null ? undefined : findOperator(store, session.operatorId);
    if (signedIn && !signedIn.active) session.operatorId = null;
    const operator = signedIn?.active ? signedIn : undefined;
    if (spec.access !== 'public' && !operator) return fail(new DepotError('not_signed_in'));
    if (!mayAccess(spec.access, operator?.role)) {
      // The command center's staff read the city's views here, and nothing of the depot's.
      if (operator!.role === 'center') return fail(new DepotError('center_read_only'));
      return fail(new DepotError('forbidden', { role: t(`role.${operator!.role}`) }));
    }

    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) return fail(invalid(parsed.error, rawInput, t, channel));
    const input = parsed.data as Record<string, unknown>;

    const events: [EventName, unknown][] = [];
    const ctx: Ctx = {
      store,
      session,
      operator: operator ?? findOperator(store, SYSTEM_OPERATOR_ID)!,
      now: clock().toISOString(),
      requestId: typeof input.requestId === 'string' ? input.requestId : null,
      t,
      // A command's events wait for its commit (a rolled-back change announces nothing); a long
      // query (an export) reports its progress as it goes.
      emit: spec.kind === 'command' ? (event, payload) => void events.push([event, payload]) : emit,
      printer,
      dbPath,
      touched: new Set<number>(),
      beforeCommit: spec.kind === 'command' ? [] : undefined,
    };
    const handler = handlers[channel] as (input: unknown, ctx: Ctx) => unknown;

    try {
      let data: unknown;
      if (spec.kind === 'command') {
        data = store.tx(() => {
          const first = store.first<{ channel: string; answer: string; operator_id: number }>('SELECT channel, answer, operator_id FROM requests WHERE request_id = ?', [ctx.requestId]);
          if (first) {
            // The first answer is the first operator's: another operator sending the same id learns nothing from it.
            if (first.operator_id !== ctx.operator.id) throw new DepotError('request_reused', {}, 'requestId');
            if (first.channel !== channel) throw new DepotError('invalid_input', { detail: 'requestId' }, 'requestId');
            const kept = JSON.parse(first.answer) as unknown;
            if (spec.replayBy && kept !== null && typeof kept === 'object' && 'replay' in kept) {
              return (handlers[spec.replayBy.channel as C] as (input: unknown, ctx: Ctx) => unknown)(kept.replay, ctx);
            }
            return kept;
          }
          const answer = handler(input, ctx);
          for (const settle of ctx.beforeCommit!) settle();
          store.run('INSERT INTO requests (request_id, channel, operator_id, answer, at) VALUES (?, ?, ?, ?, ?)', [
            ctx.requestId,
            channel,
            ctx.operator.id,
            JSON.stringify(spec.replayBy ? { replay: (spec.replayBy.input as (a: unknown) => unknown)(answer) } : (answer ?? null)),
            ctx.now,
          ]);
          return answer;
        });
      } else {
        data = await handler(input, ctx);
      }
      // A stock change names the items it touched, so a stock list refreshes those rows, not 30,000.
      const touched = [...ctx.touched!];
      for (const [event, payload] of events) {
        const p = payload as { entity?: string };
        emit(event, (event === 'data.changed' && p.entity === 'stock' && touched.length > 0 ? { ...p, itemIds: touched } : payload) as never);
      }
      return { ok: true, data: data as Output<C> };
    } catch (e) {
      if (e instanceof DepotError) return fail(e);
      // The database's own guard (005_ledger.sql): a posting dated inside a day already closed.
      if (e instanceof Error && /already closed \(扎账\)/.test(e.message)) return fail(new DepotError('day_closed'));
      // Another program (or a long import on another desk process) held the write lock longer than
      // busy_timeout (5 s, main/store/db.ts) waits: nothing was written; say so instead of "internal".
      if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') return fail(new DepotError('busy'));
      // The disk is full, or the file cannot be written (a read-only share, a USB stick's lock, a
      // file deleted under the desk): the transaction rolled back whole; say which, and that nothing changed.
      const code = (e as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_FULL')) return fail(new DepotError('disk_full'));
      if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) return fail(new DepotError('cannot_write', { code }));
      // The database's last guard on quantities (007_quantity_bounds.sql): a balance pushed past 10^9.
      if (e instanceof Error && /quantity out of range/.test(e.message)) return fail(new DepotError('quantity_range', { value: '', max: MAX_QUANTITY.toLocaleString('en-US') }));
      const unique = uniqueViolation(e, input);
      if (unique) {
        const field = unique.fields.map((f) => t(`field.${f}`)).join('/');
        return fail(new DepotError('duplicate', { field, value: unique.values.join(' / ') }, unique.fields.at(-1)));
      }
      console.error(`[depot] ${channel} failed:`, e);
      return fail(new DepotError('internal', { detail: e instanceof Error ? e.message : String(e) }));
    }
  }

  const session = (operatorId: number | null) => (locale: Locale = DEFAULT_LOCALE): Session => ({ operatorId, locale });

  return {
    invoke,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as never);
      return () => void set.delete(listener as never);
    },
    createSession: session(null),
    systemSession: session(SYSTEM_OPERATOR_ID),
    store,
    close: async () => {
      store.close();
      await printer.close?.();
    },
  };
}

/** Translates a refusal into the operator's language. */
export function translate(e: DepotError, t: TFunction): AppError {
  // A thing not found is named in the operator's words (出库单, not "dispatch").
  const params =
    e.code === 'not_found' && typeof e.params.entity === 'string' ? { ...e.params, entity: t(`entity.${e.params.entity}`, { defaultValue: e.params.entity }) }
    : e.code === 'backup_bad' ? { ...e.params, why: t(`backupWhy.${String(e.params.why)}`) }
    : e.params;
  const message = t(`errors.${e.code}`, params as Record<string, string>);
  return e.field === undefined ? { code: e.code, message } : { code: e.code, message, field: e.field };
}

/** The first problem with the input, in words: "名称不能为空". */
function invalid(error: z.ZodError, raw: unknown, t: TFunction, channel = ''): DepotError {
  // A unit's report names its figures as reported (现有库存), not as the depot's book (账面).
  const fieldKey = (p: string) => (channel.startsWith('demand.') && t(`field.${p}Reported`, { defaultValue: '' }) !== '' ? `field.${p}Reported` : `field.${p}`);
  let issue = error.issues[0]!;
  // A union (packs as text or list) reports its branches; the text branch's reason is the readable one.
  if (issue.code === 'invalid_union') issue = issue.errors.flat().find((i) => i.code === 'custom') ?? issue;
  // The path marks the cell ("lines.0.counted"), down to what the caller actually sent: packs typed as
  // "盒=1" are blamed as packs, not as packs.0.per. The deepest named part says what is wrong (页边距, not 打印设置).
  const sent: PropertyKey[] = [];
  let at: unknown = raw;
  for (const step of error.issues[0]!.path) {
    if (at === null || typeof at !== 'object') break;
    sent.push(step);
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  const path = sent.filter((p) => p !== 'changes').map(String);
  const field = path.join('.');
  const named = path.filter((p) => !/^\d+$/.test(p));
  const label = [...named].reverse().find((p) => t(fieldKey(p), { defaultValue: '' }) !== '') ?? named[0];
  const fieldName = label ? t(fieldKey(label), { defaultValue: label }) : '';
  const reason =
    issue.code === 'custom' ? issue.message
    : issue.code === 'invalid_type' && issue.expected === 'int' ? 'not_integer'
    : issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'required'
    : issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1 ? 'required'
    : issue.code === 'invalid_union' ? 'invalid_format'
    : issue.code;
  const detail = t(`issue.${reason}`, { field: fieldName, defaultValue: t('issue.other', { field: fieldName }) });
  return new DepotError('invalid_input', { detail }, field || undefined);
}

/** "UNIQUE constraint failed: locations.depot, locations.zone, locations.bin" → the fields and the values they clash on. */
function uniqueViolation(e: unknown, input: Record<string, unknown>): { fields: string[]; values: string[] } | undefined {
  if (!(e instanceof Error) || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  const columns = [...e.message.matchAll(/\w+\.(\w+)/g)].map((m) => m[1]!);
  if (columns.length === 0) return undefined;
  const fields = columns.map((c) => c.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()));
  const changes = (input.changes ?? {}) as Record<string, unknown>;
  return { fields, values: fields.map((f) => String(changes[f] ?? input[f] ?? '')) };
}
