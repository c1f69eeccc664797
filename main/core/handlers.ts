import type { ChannelName, Channels, Output, Parsed } from '../../shared/contract/index.ts';
import type { Ctx } from './context.ts';
import { authHandlers } from '../domains/auth/handlers.ts';
import { masterHandlers } from '../domains/master/handlers.ts';
import { receivingHandlers } from '../domains/receiving/handlers.ts';
import { ledgerHandlers } from '../domains/ledger/handlers.ts';
import { stockHandlers } from '../domains/stock/handlers.ts';
import { dispatchHandlers } from '../domains/dispatch/handlers.ts';
import { allocationHandlers } from '../domains/allocation/handlers.ts';
import { updateHandlers } from '../domains/update/handlers.ts';
import { printHandlers } from '../domains/print/handlers.ts';
import { traceHandlers } from '../domains/trace/handlers.ts';
import { centerHandlers } from '../center/handlers.ts';
import { supplyHandlers } from '../domains/supply/handlers.ts';
import { searchHandlers } from '../domains/search/handlers.ts';
import { backupHandlers } from '../domains/backup/handlers.ts';

/**
 * A command runs inside the core's transaction, so it answers synchronously; a query may
 * take its time (printing, exports).
 */
export type Handler<C extends ChannelName> = (
  input: Parsed<C>,
  ctx: Ctx,
) => Channels[C]['kind'] extends 'command' ? Output<C> : Output<C> | Promise<Output<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

/** The handlers of one domain: exactly the channels it declares in shared/contract. */
export type DomainHandlers<Declared> = Pick<Handlers, keyof Declared & ChannelName>;

export const handlers = {
  ...authHandlers,
  ...masterHandlers,
  ...receivingHandlers,
  ...ledgerHandlers,
  ...stockHandlers,
  ...dispatchHandlers,
  ...allocationHandlers,
  ...updateHandlers,
  ...printHandlers,
  ...traceHandlers,
  ...centerHandlers,
  ...supplyHandlers,
  ...searchHandlers,
  ...backupHandlers,
} satisfies Handlers;
