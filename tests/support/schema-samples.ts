/**
 * Inputs from a channel's own zod schema, for the contract test and the fuzzer: a valid sample
 * is found by walking the schema and, at the leaves, trying ordinary values until the schema
 * accepts one; the parts of a value are its object keys and the first element of its arrays.
 */
import type { z } from 'zod';

export type Def = { type: string; [key: string]: unknown };
export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
export const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

export const LEAVES: unknown[] = [
  'A-0001',
  'REQ-2024-0001-contract',
  '2024-05-01',
  '2024-05-01T08:00:00.000Z',
  '2024-05-02T08:00:00.000Z',
  '/tmp/depot-contract/sample.xlsx',
  '13800000000',
  '盒=50, 箱=1000',
  'https://depot.example/updates/',
  '测试',
  '拨付{件数}件', // a briefing line's wording
  '09501101530003', // a GTIN-14 (GS1's example, its check digit right)
  1,
  2,
  10,
  1000,
  0,
  0.5,
  true,
  false,
  '',
];

export type Sample = { value: unknown } | undefined;

export function sample(schema: z.ZodType): Sample {
  const take = (value: unknown): Sample => (accepts(schema, value) ? { value } : undefined);
  const from = (inner: Sample) => (inner ? take(inner.value) : undefined);
  const def = defOf(schema);
  let found: Sample;
  switch (def.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const inner = sample(field);
        if (inner && inner.value !== undefined) value[key] = inner.value;
      }
      found = take(value);
      // A rule across fields (from before to) may refuse the first values: try other ordinary values, last field first.
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>).reverse()) {
        if (found) break;
        for (const leaf of LEAVES) if (!found && leaf !== value[key] && accepts(field, leaf)) found = take({ ...value, [key]: leaf });
      }
      break;
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      // Prefer a real value over undefined or null: it gives the corruptions below something to replace.
      found = from(sample(def.innerType as z.ZodType)) ?? take(null) ?? take(undefined);
      break;
    case 'array': {
      const element = sample(def.element as z.ZodType);
      found = element ? (take([element.value]) ?? take([element.value, element.value])) : take([]);
      break;
    }
    case 'union':
      for (const option of def.options as z.ZodType[]) if ((found = from(sample(option)))) break;
      break;
    case 'pipe':
      // A preprocess (a transform in front of the schema) says nothing of its own: sample what it feeds.
      found = from(sample(def.in as z.ZodType)) ?? from(sample(def.out as z.ZodType));
      break;
    case 'lazy':
      found = from(sample((def.getter as () => z.ZodType)()));
      break;
    case 'enum':
      found = take(Object.values(def.entries as Record<string, unknown>)[0]);
      break;
    case 'literal':
      found = take((def.values as unknown[])[0]);
      break;
  }
  if (found) return found;
  for (const value of LEAVES) if (accepts(schema, value)) return { value };
  return undefined;
}

export type Path = (string | number)[];

/** Every part of a value that can be replaced: object keys and the first element of arrays. */
export function* parts(value: unknown, prefix: Path = []): Generator<Path> {
  if (Array.isArray(value)) {
    if (value.length > 0) {
      yield [...prefix, 0];
      yield* parts(value[0], [...prefix, 0]);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      yield [...prefix, key];
      yield* parts(inner, [...prefix, key]);
    }
  }
}

export const REMOVE = Symbol('remove');

export function replaced(value: unknown, path: Path, by: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (by === REMOVE) delete parent[last];
  else parent[last] = by;
  return copy;
}

export function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not a number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  if (value !== null && typeof value === 'object') return 'not an object';
  return 12345;
}

export const get = (value: unknown, path: Path) => path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], value);

