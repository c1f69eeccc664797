import { useEffect, useRef } from 'react';

/** What counts as someone at the desk. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls onIdle once the page has had no key, click, touch or mouse movement for `minutes`
 * (0: never). A shared desk left signed in at night locks itself: the Shell signs out and the
 * sign-in shows again.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!(minutes > 0)) return;
    const ms = minutes * 60_000;
    let timer = setTimeout(() => onIdleRef.current(), ms);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), ms);
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, restart, { capture: true });
    };
  }, [minutes]);
}
