/**
 * Files through the desktop's own dialogs: the preload exposes `window.depotFiles` (main/shell/
 * files.ts); in a browser on the depot server there is none and the pages keep their path field.
 */
export const FILE_TYPES = ['xlsx', 'pdf', 'csv'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export interface FileRequest {
  /** save: where a new file goes; open: a file to read. */
  mode: 'save' | 'open';
  /** What the file is (ledger, card, disclosure, import…): each kind remembers its own folder. */
  kind: string;
  /** The name offered in the save dialog. */
  name: string;
  type: FileType;
}

export interface DepotFiles {
  /** The chosen path, or null when the dialog was cancelled. */
  choose(request: FileRequest): Promise<string | null>;
}
