import { describe, expect, it } from 'vitest';
import { createI18n, resources } from '../../shared/i18n/index.ts';
import { ERROR_CODES } from '../../shared/errors.ts';
import { CATEGORIES, ROLES, SUPPLIER_KINDS, TIERS, UNIT_TYPES } from '../../shared/domain.ts';

type Tree = { [key: string]: unknown };

/** Every leaf of a resource tree as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Tree, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

const zh = new Map(leaves(resources['zh-CN'].translation));
const en = new Map(leaves(resources.en.translation));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('have the same keys in Chinese and English', () => {
    expect(zh.size).toBeGreaterThan(50);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('are all non-empty strings', () => {
    const bad = [...zh, ...en].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const differ = [...zh].filter(([k, v]) => JSON.stringify(placeholders(String(v))) !== JSON.stringify(placeholders(String(en.get(k)))));
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('are Chinese in zh-CN: every message an operator reads has Chinese in it', () => {
    // Language names may stay as they are; a template of placeholders and punctuation has no words of its own.
    const words = (v: unknown) => String(v).replace(/\{\{[^}]*\}\}/g, '');
    const latinOnly = [...zh].filter(([k, v]) => /[A-Za-z]/.test(words(v)) && !/\p{Script=Han}/u.test(words(v)) && !k.startsWith('language.'));
    expect(latinOnly.map(([k, v]) => `${k}=${String(v)}`)).toEqual([]);
  });

  it('cover every error code and every name of the domain vocabulary', () => {
    const needed = [
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...ROLES.map((r) => `role.${r}`),
      ...CATEGORIES.map((c) => `category.${c}`),
      ...SUPPLIER_KINDS.map((k) => `supplierKind.${k}`),
      ...UNIT_TYPES.map((t) => `unitType.${t}`),
      ...TIERS.map((t) => `tier.${t}`),
    ];
    expect(needed.filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });

  it('translate with zh-CN by default and English on request', () => {
    expect(createI18n().t('errors.forbidden', { role: '保管员' })).toBe('当前角色（保管员）无权执行此操作');
    expect(createI18n('en').t('errors.forbidden', { role: 'Storekeeper' })).toBe('Your role (Storekeeper) may not do this');
    // No HTML escaping: these strings go into grids, slips and workbooks, not into innerHTML.
    expect(createI18n('en').t('errors.duplicate', { field: 'Name', value: 'A&B <1>' })).toBe('Name "A&B <1>" already exists');
  });
});
