import { describe, expect, test } from 'vitest';
import { menuTemplate, type MenuItemSpec } from '../../../main/shell/menu.ts';

const labels = (items: MenuItemSpec[]) => items.map((i) => i.label);
const roles = (items: MenuItemSpec[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

describe('application menu', () => {
  test('Chinese: 文件 / 编辑 / 视图 / 帮助, every item labelled', () => {
    const menu = menuTemplate('zh-CN', { devTools: false });
    expect(labels(menu)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(labels(menu[1]!.submenu!)).toEqual(['撤销', '重做', undefined, '剪切', '复制', '粘贴', '全选']);
    expect(menu[0]!.submenu!.at(-1)).toEqual({ role: 'quit', label: '退出' });
    const all = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...all(i.submenu ?? [])]);
    for (const item of all(menu)) if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toMatch(/\p{Script=Han}/u);
  });

  test('English when the system is English', () => {
    expect(labels(menuTemplate('en', { devTools: false }))).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  test('the edit roles that make copy and paste work in the grids; developer tools only in development', () => {
    expect(roles(menuTemplate('zh-CN', { devTools: false }))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'about']),
    );
    expect(roles(menuTemplate('zh-CN', { devTools: false }))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate('zh-CN', { devTools: true }))).toContain('toggleDevTools');
  });
});
