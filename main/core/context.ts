import type { TFunction } from 'i18next';
import type { Locale } from '../../shared/domain.ts';
import type { OperatorInfo } from '../../shared/contract/index.ts';
import type { EventName, Events } from '../../shared/contract/index.ts';
import type { Store } from '../store/db.ts';
import type { PrintPort } from '../domains/print/port.ts';

/** One window's (or one CLI run's) conversation with the core. The shell holds it; the core fills it. */
export interface Session {
  operatorId: number | null;
  locale: Locale;
}

/** What a handler gets besides its validated input. */
export interface Ctx {
  store: Store;
  session: Session;
  /** The signed-in operator; the system operator on public channels and in the CLI. */
  operator: OperatorInfo;
  /** The moment of this call (injectable for tests), as an ISO string. */
  now: string;
  requestId: string | null;
  t: TFunction;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** The items whose stock this command changed (postMovement adds them): screens refresh only those. */
  touched?: Set<number>;
  /**
   * Work a command leaves to its end, done in its transaction just before the commit (openDepot
   * runs these after a command's handler; a query has none): the kept sums of its ledger rows, written once per key.
   */
  beforeCommit?: (() => void)[];
  /** How documents become PDFs and paper (openDepot always supplies one). */
  printer?: PrintPort;
  /** The database file (its backups and a staged restore sit beside it); absent in a context built by hand. */
  dbPath?: string;
}
