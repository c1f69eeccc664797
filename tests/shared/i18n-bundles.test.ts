import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resources } from '../../shared/i18n/index.ts';

type Tree = { [key: string]: string | Tree };
const dir = fileURLToPath(new URL('../../shared/i18n/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !['index.ts', 'shape.ts'].includes(f));

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

describe('translation bundles', () => {
  it('are all registered, and no bundle silently overrides another one\'s text', async () => {
    const seen = new Map<string, { file: string; text: string }>();
    const clashes: string[] = [];
    for (const file of files) {
      const bundle = (await import(`../../shared/i18n/${file}`)).default as Record<'zh-CN' | 'en', Tree>;
      for (const locale of ['zh-CN', 'en'] as const) {
        const merged = new Map(leaves(resources[locale].translation as Tree));
        for (const [key, text] of leaves(bundle[locale])) {
          // Registered in shared/i18n/index.ts: its text is in the merged resources.
          expect(merged.has(key), `${file}: ${locale} ${key} is not in the merged resources`).toBe(true);
          const other = seen.get(`${locale}:${key}`);
          if (other && other.text !== text) clashes.push(`${locale} ${key}: ${other.file} "${other.text}" vs ${file} "${text}"`);
          seen.set(`${locale}:${key}`, { file, text });
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});
