import { useCallback, useEffect, useRef, useState } from 'react';
import {
  channels,
  type ChannelName,
  type Channels,
  type DepotBridge,
  type EventName,
  type Events,
  type Input,
  type Output,
} from '../shared/contract/index.ts';
import { mayAccess } from '../shared/contract/channel.ts';
import type { AppError, Result } from '../shared/errors.ts';
import type { Role } from '../shared/domain.ts';
import { connectToServer, type LinkListener } from './ws-bridge.ts';
import { i18n } from './i18n.ts';

/**
 * The only place that touches window.depot (exposed by the preload, or by the UI tests); in a
 * plain browser opened from the depot server (`depot serve`), the same contract over its WebSocket.
 */
const served = (globalThis as { depot?: DepotBridge }).depot === undefined && typeof location !== 'undefined' && /^https?:$/.test(location.protocol);
const remote = served ? connectToServer() : null;
const bridge: DepotBridge | undefined = (globalThis as { depot?: DepotBridge }).depot ?? remote ?? undefined;

/** Whether the link to the depot server is up (always true inside the desktop app), and whether it came back signed out. */
export function onServerLink(listener: LinkListener): () => void {
  return remote ? remote.onLink(listener) : () => {};
}

// While the link is down a change is refused at once rather than kept to be sent later: the operator
// would otherwise walk away believing it was saved. (One already sent when the link dropped is re-sent
// with its request id, as ws-bridge.ts says: it was the operator's act while the link was up.)
let linkUp = true;
onServerLink((up) => (linkUp = up));

export type QueryName = { [C in ChannelName]: Channels[C]['kind'] extends 'query' ? C : never }[ChannelName];
export type CommandName = { [C in ChannelName]: Channels[C]['kind'] extends 'command' ? C : never }[ChannelName];
/** A command's input as a page writes it: the request id is added here. */
export type CommandInput<C extends CommandName> = Omit<Input<C>, 'requestId'>;

const noBridge: AppError = {
  code: 'internal',
  message: 'window.depot is missing: open this page inside Depot Desk, not in a plain browser',
};

export function invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  if (!bridge) return Promise.resolve({ ok: false, error: noBridge });
  return bridge.invoke(channel, input);
}

/**
 * A random id in the shape of a UUID v4. Not crypto.randomUUID: a browser gives that only to secure
 * pages (https, localhost), and a desk opening http://<depot server on the LAN>/ is none.
 */
export function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Every write gets a fresh request id, so the core posts it once however often the same
 * call object is retried.
 */
export function command<C extends CommandName>(channel: C, input: CommandInput<C>): Promise<Result<Output<C>>> {
  if (!linkUp) return Promise.resolve({ ok: false, error: { code: 'server_link_down', message: i18n.t('errors.server_link_down') } });
  return invoke(channel, { ...input, requestId: randomId() } as Input<C>);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge ? bridge.on(event, listener) : () => {};
}

/** The core's own access rule, so that pages show only what the operator may do. */
export function mayCall(channel: ChannelName, role: Role | undefined): boolean {
  return mayAccess(channels[channel].access, role);
}

export interface QueryState<T> {
  data: T | undefined;
  error: AppError | null;
  loading: boolean;
  refresh(): void;
  /** Puts a known answer (e.g. the row a command returned) in place without asking again. */
  setData(update: (data: T | undefined) => T | undefined): void;
}

/**
 * Runs a query and runs it again whenever its input changes or the core says the rows of its
 * entity changed (the entity is the channel's domain: 'items.list' → 'items').
 */
/**
 * A query's answer, asked again when its entity changes (data.changed) — unless `live` is false,
 * for a page that refreshes only the rows a change names (the stock list).
 */
export function useQuery<C extends QueryName>(channel: C, input: Input<C>, { live = true }: { live?: boolean } = {}): QueryState<Output<C>> {
  const [data, setData] = useState<Output<C> | undefined>(undefined);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    let current = true;
    setLoading(true);
    void invoke(channel, inputRef.current).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) {
        setData(() => result.data);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [channel, key, tick]);

  const entity = channel.split('.')[0];
  useEffect(() => (live ? onEvent('data.changed', (payload) => payload.entity === entity && setTick((n) => n + 1)) : undefined), [entity, live]);
  // Back from a lost link: what changed meanwhile was not heard, so ask again.
  useEffect(() => onServerLink((up) => up && setTick((n) => n + 1)), []);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, refresh, setData };
}
