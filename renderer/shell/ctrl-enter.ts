import { useEffect } from 'react';

/**
 * Keyboard first, on every page: Ctrl+Enter (⌘+Enter) saves or confirms what is being typed —
 * in a dialog its primary button, in a form its submit, elsewhere a button marked
 * `data-ctrl-enter` in the same section. A page that saves its own way (the receipt's grid
 * commits the cell being typed first) takes the key before it gets here.
 */
export function useCtrlEnterSaves(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.key !== 'Enter') return;
      const at = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const target = pressTarget(at);
      if (!target) return;
      e.preventDefault();
      if (target instanceof HTMLFormElement) target.requestSubmit();
      else target.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function pressTarget(at: HTMLElement | null): HTMLButtonElement | HTMLFormElement | null {
  const enabled = (buttons: NodeListOf<HTMLButtonElement> | undefined) => [...(buttons ?? [])].find((b) => !b.disabled) ?? null;
  const dialog = at?.closest('dialog[open]') ?? document.querySelector('dialog[open]');
  if (dialog) return enabled(dialog.querySelectorAll<HTMLButtonElement>('.dialog-actions button.primary'));
  const form = at?.closest('form');
  if (form) return form;
  return enabled(at?.closest('section')?.querySelectorAll<HTMLButtonElement>('button[data-ctrl-enter]'));
}
