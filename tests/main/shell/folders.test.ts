import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFileRequest, fileFolders } from '../../../main/shell/folders.ts';

describe('the folders the desktop dialogs remember', () => {
  const dir = mkdtempSync(join(tmpdir(), 'folders-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('each kind of file remembers its own folder, across restarts; an unreadable file forgets, never fails', () => {
    const file = join(dir, 'data', 'file-folders.json');
    const folders = fileFolders(file);
    expect(folders.get('ledger')).toBeNull();
    folders.remember('ledger', '/home/cangku/财务/综合台账_2026-12-01_2026-12-05.xlsx');
    folders.remember('import', '/media/usb/物资目录.xlsx');
    const again = fileFolders(file);
    expect(again.get('ledger')).toBe('/home/cangku/财务');
    expect(again.get('import')).toBe('/media/usb');
    expect(again.get('card')).toBeNull();
    writeFileSync(file, '{ half a JSON');
    expect(fileFolders(file).get('ledger')).toBeNull();
  });

  it('answers only what a page may ask: a bare file name, a known type, a kind in plain words', () => {
    expect(checkFileRequest({ mode: 'save', kind: 'ledger', name: '综合台账.xlsx', type: 'xlsx' })).toEqual({ mode: 'save', kind: 'ledger', name: '综合台账.xlsx', type: 'xlsx' });
    expect(checkFileRequest({ mode: 'open', kind: 'import', name: '', type: 'xlsx' })).not.toBeNull();
    for (const bad of [
      null,
      'ledger',
      { mode: 'delete', kind: 'ledger', name: 'a.xlsx', type: 'xlsx' },
      { mode: 'save', kind: '../etc', name: 'a.xlsx', type: 'xlsx' },
      { mode: 'save', kind: 'ledger', name: '../../passwd', type: 'xlsx' },
      { mode: 'save', kind: 'ledger', name: 'C:\\Windows\\a.xlsx', type: 'xlsx' },
      { mode: 'save', kind: 'ledger', name: 'a.exe', type: 'exe' },
      { mode: 'save', kind: 'ledger', name: 'x'.repeat(121), type: 'xlsx' },
    ]) {
      expect(checkFileRequest(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
