import { describe, expect, it } from 'vitest';
import { haystack, matchItems, matchesWords, pinyinKeys } from '../../shared/search.ts';
import { DEMO_ITEMS } from '../../main/cli/demo-data.ts';

describe('search as a Chinese depot searches', () => {
  it('finds a name by its pinyin initials and full pinyin, polyphones as in the words used in a depot', () => {
    expect(pinyinKeys('医用防护口罩')).toBe('yyfhkz yiyongfanghukouzhao');
    // 重 in 重症 is zhong, 行 in 银行 is hang: the dictionary knows the word.
    expect(pinyinKeys('重症监护').split(' ')[0]).toBe('zzjh');
    expect(pinyinKeys('KN95')).toBe('');
    const hay = haystack('FH-001', '6970000000017', '医用防护口罩', 'KN95 折叠式');
    for (const typed of ['yyfhkz', 'kouzhao', '口罩 kn95', 'FH-001', 'fhkz 折叠', '6970000000017']) expect([typed, matchesWords(hay, typed)]).toEqual([typed, true]);
    for (const typed of ['yyfhkzz', 'fangshuiyi', '', '  ']) expect([typed, matchesWords(hay, typed)]).toEqual([typed, false]);
  });

  it('the item picker finds items of the demo depot by pinyin initials, the exact code first', () => {
    const items = DEMO_ITEMS.map((d) => ({ code: d.code, name: d.name, spec: d.spec ?? '', barcode: d.barcode ?? null }));
    expect(matchItems(items, 'yyfhkz').map((i) => i.code)).toEqual(['FH-001']);
    expect(matchItems(items, 'yyycxfhf').map((i) => i.code)).toEqual(['FH-005', 'FH-006']);
    expect(matchItems(items, 'kz').map((i) => i.name).every((n) => n.includes('口罩'))).toBe(true);
  });
});
