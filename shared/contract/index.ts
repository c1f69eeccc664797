import type { z } from 'zod';
import type { Result } from '../errors.ts';
import { authChannels } from './auth.ts';
import { masterChannels } from './master.ts';
import { receivingChannels } from './receiving.ts';
import { ledgerChannels } from './ledger.ts';
import { stockChannels } from './stock.ts';
import { dispatchChannels } from './dispatch.ts';
import { allocationChannels } from './allocation.ts';
import { updateChannels } from './update.ts';
import { printChannels } from './print.ts';
import { traceChannels } from './trace.ts';
import { centerChannels } from './center.ts';
import { supplyChannels } from './supply.ts';
import { searchChannels } from './search.ts';
import { backupChannels } from './backup.ts';
import type { ChannelSpec } from './channel.ts';

export type { ChannelSpec, Access } from './channel.ts';
export type * from './auth.ts';
export type * from './master.ts';
export type * from './receiving.ts';
export type * from './ledger.ts';
export type * from './stock.ts';
export type * from './dispatch.ts';
export type * from './allocation.ts';
export type * from './update.ts';
export type * from './print.ts';
export type * from './trace.ts';
export type { CityViews } from './center.ts';
export type * from './supply.ts';
export type * from './search.ts';
export type * from './backup.ts';

/** Every channel between the renderer and the main process, declared once. */
export const channels = {
  ...authChannels,
  ...masterChannels,
  ...receivingChannels,
  ...ledgerChannels,
  ...stockChannels,
  ...dispatchChannels,
  ...allocationChannels,
  ...updateChannels,
  ...printChannels,
  ...traceChannels,
  ...centerChannels,
  ...supplyChannels,
  ...searchChannels,
  ...backupChannels,
} satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What the caller sends (before defaults and transforms). */
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What the handler receives (validated, defaults applied). */
export type Parsed<C extends ChannelName> = z.output<Channels[C]['input']>;
export type Output<C extends ChannelName> = Channels[C]['output'];

/** Main → renderer events. */
export interface Events {
  /** Rows of an entity changed (by this desk or another): grids refresh. */
  /** What changed; a stock change names the items whose rows it touched (a list refreshes only those). */
  'data.changed': { entity: string; itemIds?: number[] };
  /** A long job (an export, an import reading) moved on; jobId is the one the caller gave. */
  'job.progress': { jobId: string; done: number; total: number; phase: import('./ledger.ts').JobPhase };
  'job.done': { jobId: string; status: 'done' | 'cancelled' | 'failed' };
  /** A newer version is on the update server (the operator may download it). */
  'update.available': { version: string; releaseNotes: string | null; releaseDate: string | null };
  'update.progress': { percent: number; transferred: number; total: number; bytesPerSecond: number };
  /** Downloaded and checked (sha512): ready to install on restart when the operator agrees. */
  'update.downloaded': { version: string };
  /** A backup is staged to be put back: the app restarts to do it (the depot server says so). */
  'restore.staged': { name: string };
}
export type EventName = keyof Events;

/** What the preload exposes as window.depot, and what tests wire to the core. */
export interface DepotBridge {
  invoke<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const isChannel = (name: unknown): name is ChannelName => typeof name === 'string' && Object.hasOwn(channels, name);
