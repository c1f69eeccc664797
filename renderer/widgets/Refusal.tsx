import type { ReactNode } from 'react';

/**
 * A refusal in words where the action was — the core's translated message, or a page's own — read
 * out as it appears (role="alert"). `as="p"` where it stands on a line of its own.
 */
export function Refusal({ children, as: Tag = 'span' }: { children: ReactNode; as?: 'span' | 'p' }) {
  return (
    <Tag className="status-line refused" role="alert">
      {children}
    </Tag>
  );
}
