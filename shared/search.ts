import { pinyin } from 'pinyin-pro';

/**
 * Search as a Chinese depot searches: a name is found by its characters, by its pinyin initials
 * ("yyfhkz" → 医用防护口罩) and by its full pinyin ("kouzhao"), whichever the storekeeper types.
 * pinyin-pro (a kept dictionary with the polyphones of common words) turns the name into both;
 * each name is converted once.
 */
const keys = new Map<string, string>();
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export function pinyinKeys(text: string): string {
  let found = keys.get(text);
  if (found === undefined) {
    found = HAN.test(text)
      ? `${pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')} ${pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')}`.toLowerCase()
      : '';
    if (keys.size > 50_000) keys.clear();
    keys.set(text, found);
  }
  return found;
}

/** What one record is searched by: its own texts, lower-cased, and the pinyin keys of the Chinese ones. */
export function haystack(...texts: readonly (string | null | undefined)[]): string {
  const own = texts.filter((t): t is string => !!t);
  return `${own.join(' ')} ${own.map(pinyinKeys).join(' ')}`.toLowerCase();
}

/** Every word typed ("口罩 kn95", "yyfh kz") is somewhere in the haystack. */
export function matchesWords(hay: string, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => hay.includes(w));
}

/** What an item is found by. */
export interface Searchable {
  code: string;
  barcode: string | null;
  name: string;
  spec: string;
}

const hays = new WeakMap<Searchable, string>();
const hayOf = (i: Searchable) => {
  let hay = hays.get(i);
  if (hay === undefined) hays.set(i, (hay = haystack(i.code, i.barcode, i.name, i.spec)));
  return hay;
};

/**
 * Items whose code, barcode, name or spec contain every word typed ("口罩 kn95"), or whose name's
 * pinyin initials or full pinyin do ("yyfhkz", "kouzhao"); an exact code or barcode comes first.
 */
export function matchItems<T extends Searchable>(items: readonly T[], text: string, limit = 8): T[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const exact = items.filter((i) => i.code.toLowerCase() === words[0] || i.barcode === text.trim());
  const rest = items.filter((i) => !exact.includes(i) && matchesWords(hayOf(i), text));
  return [...exact, ...rest].slice(0, limit);
}
