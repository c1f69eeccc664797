/**
 * Sign-in attempts per remote address on the depot server. The core locks an operator after
 * LOCK_AFTER_FAILURES wrong passwords (main/domains/auth/lockout.ts); this stops one machine on the
 * LAN from trying code after code (or burning the server's CPU on password hashes): after
 * MAX_FAILURES failed sign-ins from one address within WINDOW_SECONDS, its sign-ins are refused
 * unchecked until the oldest of them is that old. Only failures count, so a hundred desks behind
 * one address signing in rightly are never held up.
 */
export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 60;

export interface SignInThrottle {
  /** Seconds this address must wait before its next sign-in is even checked; 0 when it may try now. */
  waitSeconds(address: string): number;
  failed(address: string): void;
  /** How many addresses it remembers failures of. */
  size(): number;
}

export function signInThrottle({ maxFailures = MAX_FAILURES, windowSeconds = WINDOW_SECONDS, now = Date.now } = {}): SignInThrottle {
  const failures = new Map<string, number[]>();
  const windowMs = windowSeconds * 1000;
  let prunedAt = now();
  const recent = (address: string) => {
    const since = now() - windowMs;
    const kept = (failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length > 0) failures.set(address, kept);
    else failures.delete(address);
    return kept;
  };
  return {
    waitSeconds(address) {
      const kept = recent(address);
      if (kept.length < maxFailures) return 0;
      return Math.max(1, Math.ceil((kept[kept.length - maxFailures]! + windowMs - now()) / 1000));
    },
    size: () => failures.size,
    failed(address) {
      // Addresses whose failures have all aged out are dropped, once a window at most, so the map stays small.
      if (failures.size > 1000 && now() - prunedAt > windowMs) {
        prunedAt = now();
        for (const other of [...failures.keys()]) recent(other);
      }
      const kept = recent(address);
      kept.push(now());
      failures.set(address, kept);
    },
  };
}
