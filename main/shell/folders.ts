// The folder each kind of file was last saved to or opened from, kept beside the database (plain
// Node: the shell's dialogs use it, and it is tested without Electron).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { FILE_TYPES, type FileRequest } from '../../shared/files.ts';

export interface Folders {
  get(kind: string): string | null;
  remember(kind: string, path: string): void;
}

export function fileFolders(file: string): Folders {
  const read = (): Record<string, string> => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
    } catch {
      // None yet, or unreadable: every kind starts in the documents folder.
      return {};
    }
  };
  return {
    get: (kind) => read()[kind] ?? null,
    remember(kind, path) {
      const all = { ...read(), [kind]: dirname(path) };
      mkdirSync(dirname(file), { recursive: true });
      // Written whole through a side file: a crash never leaves half a JSON.
      writeFileSync(`${file}.partial`, JSON.stringify(all, null, 2));
      renameSync(`${file}.partial`, file);
    },
  };
}

/** What a page may ask of the shell's dialogs: anything else is answered with nothing. */
export function checkFileRequest(raw: unknown): FileRequest | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.mode !== 'save' && r.mode !== 'open') return null;
  if (typeof r.kind !== 'string' || !/^[a-z][a-z.-]{0,29}$/.test(r.kind)) return null;
  if (typeof r.type !== 'string' || !(FILE_TYPES as readonly string[]).includes(r.type)) return null;
  // A bare file name: no folder of the page's choosing.
  if (typeof r.name !== 'string' || r.name.length > 120 || basename(r.name) !== r.name || /[\\/]/.test(r.name)) return null;
  return { mode: r.mode, kind: r.kind, name: r.name, type: r.type as FileRequest['type'] };
}
