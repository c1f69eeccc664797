// The desktop's own open and save dialogs for the pages (window.depotFiles in the preload): a
// trusted page asks, the operator chooses, the folder is remembered per kind of file.
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { FILE_CHANNEL } from './channels.ts';
import { checkFileRequest, fileFolders } from './folders.ts';
import { isTrustedSender } from './policy.ts';

const FILTER_NAMES = { xlsx: 'Excel', pdf: 'PDF', csv: 'CSV' } as const;

export function registerFileDialogs(rendererRoot: string): () => void {
  const folders = fileFolders(join(app.getPath('userData'), 'file-folders.json'));
  ipcMain.handle(FILE_CHANNEL, async (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, rendererRoot)) return null;
    const request = checkFileRequest(raw);
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!request || !win) return null;
    const folder = folders.get(request.kind) ?? app.getPath('documents');
    const filters = [{ name: FILTER_NAMES[request.type], extensions: [request.type] }];
    if (request.mode === 'save') {
      const chosen = await dialog.showSaveDialog(win, { defaultPath: join(folder, request.name), filters });
      if (chosen.canceled || !chosen.filePath) return null;
      folders.remember(request.kind, chosen.filePath);
      return chosen.filePath;
    }
    const chosen = await dialog.showOpenDialog(win, { defaultPath: folder, filters, properties: ['openFile'] });
    const path = chosen.canceled ? undefined : chosen.filePaths[0];
    if (!path) return null;
    folders.remember(request.kind, path);
    return path;
  });
  return () => ipcMain.removeHandler(FILE_CHANNEL);
}
