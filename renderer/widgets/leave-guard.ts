import { useEffect } from 'react';

/**
 * Unsaved work on the open page: the shell asks before another page replaces it, so a
 * half-typed receipt is not thrown away by a click in the navigation.
 */
let unsaved: string | null = null;

/** While `active`, leaving the page asks first; `what` names the work in the question. */
export function useLeaveGuard(active: boolean, what: string): void {
  useEffect(() => {
    if (!active) return;
    unsaved = what;
    return () => {
      if (unsaved === what) unsaved = null;
    };
  }, [active, what]);
}

/** What would be lost by leaving now, or null. */
export const unsavedWork = (): string | null => unsaved;
export const forgetUnsavedWork = (): void => {
  unsaved = null;
};
