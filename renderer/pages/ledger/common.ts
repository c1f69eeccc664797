import { useEffect } from 'react';
import { onEvent } from '../../api.ts';

/**
 * Statistics are not a list of their own: they change whenever stock moves, so the pages that
 * show them ask again when the core says receipts, dispatches or stock changed.
 */
const MOVING = new Set(['stock', 'receipts', 'dispatch', 'stocktakes']);
export function useRefreshOnMoves(refresh: () => void, enabled = true): void {
  useEffect(() => (enabled ? onEvent('data.changed', (p) => MOVING.has(p.entity) && refresh()) : undefined), [refresh, enabled]);
}

const FOLDER_KEY = 'depot.exportFolder';

/**
 * Where a workbook goes unless the operator types another path: the folder used last on this
 * computer, else a documents folder every installation has (the shell will offer a save dialog).
 */
export function exportFolder(): string {
  const saved = localStorage.getItem(FOLDER_KEY);
  if (saved) return saved;
  const ua = navigator.userAgent;
  if (ua.includes('Windows')) return 'C:\\Users\\Public\\Documents';
  if (ua.includes('Mac OS X')) return '/Users/Shared';
  return '/tmp';
}

/** Remembers the folder of a path that was written to. */
export function rememberFolder(path: string): void {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut > 0) localStorage.setItem(FOLDER_KEY, path.slice(0, cut));
}

/** A file name in a folder, with the folder's own separator. */
export function inFolder(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** The first day of the month of a YYYY-MM-DD day. */
export const monthStart = (day: string) => `${day.slice(0, 8)}01`;

/** Bytes as people read a file size: "18.4 MB", "512 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
