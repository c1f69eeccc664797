import type { CustomCellEditorProps } from 'ag-grid-react';

/** A new password is typed into a password field, never shown in the cell. */
export function PasswordEditor({ value, onValueChange }: CustomCellEditorProps) {
  return (
    <input
      type="password"
      className="cell-input"
      autoComplete="new-password"
      autoFocus
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onValueChange(e.target.value)}
    />
  );
}
