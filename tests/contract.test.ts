/**
 * The contract test: every channel in shared/contract, found by iterating `channels`, so a channel
 * added later is covered without touching this file.
 *   - it has a handler (and every handler has a channel);
 *   - malformed input — derived from the channel's own zod schema — is refused with a typed,
 *     translated error, and no table, session or event changes;
 *   - a caller without access is refused before the input is even looked at.
 * The order the core checks things in, asserted here: unknown channel → signed in → role → input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channels, type ChannelName } from '../shared/contract/index.ts';
import type { AppError } from '../shared/errors.ts';
import { ROLES, type Locale, type Role } from '../shared/domain.ts';
import { resources } from '../shared/i18n/index.ts';
import { handlers } from '../main/core/handlers.ts';
import type { Depot, Session } from '../main/core/depot.ts';
import { adminSession, call, rid, tempDepot } from './support/depot.ts';
import { accepts, defOf, get, parts, REMOVE, replaced, sample, wrongType } from './support/schema-samples.ts';

const names = Object.keys(channels) as ChannelName[];

interface Malformed {
  label: string;
  input: unknown;
  /** The input field the refusal must name (what a grid marks); undefined when the whole input is wrong. */
  field?: string;
}

function malformed(schema: z.ZodType, valid: unknown): Malformed[] {
  // Under a union at the root (one of several shapes) no single field is to blame.
  const named = defOf(schema).type === 'object';
  const cases: Malformed[] = [
    { label: 'undefined', input: undefined },
    { label: 'null', input: null },
    { label: 'a number', input: 42 },
    { label: 'a string', input: 'items' },
    { label: 'a boolean', input: true },
    { label: 'an array', input: [valid] },
    { label: '{}', input: {} },
  ];
  for (const path of parts(valid)) {
    const current = get(valid, path);
    // The field a person would see marked: the whole path (a grid cell such as lines.0.counted), skipping the `changes` wrapper of updates.
    const field = named ? path.filter((step) => step !== 'changes').join('.') || undefined : undefined;
    const variants: [string, unknown][] = [
      [`${path.join('.')} of the wrong type`, wrongType(current)],
      [`${path.join('.')} null`, null],
    ];
    if (typeof path.at(-1) === 'string') variants.push([`${path.join('.')} missing`, REMOVE]);
    for (const [label, by] of variants) cases.push({ label, input: replaced(valid, path, by), ...(field === undefined ? {} : { field }) });
  }
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify(c.input) ?? 'undefined';
    if (seen.has(key) || accepts(schema, c.input)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// One depot for the file, with a row in every master table and a signed-in operator of every role,
// so that a write slipping through would have something to write over.

let env: ReturnType<typeof tempDepot>;
let depot: Depot;
let admin: Session;
const byRole = new Map<Role, Session>();
const events: unknown[] = [];

beforeAll(async () => {
  env = tempDepot();
  depot = env.depot;
  admin = await adminSession(depot);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await call(depot, admin, 'operators.create', { code: `op-${role}`, name: role, role, password: `${role}-password`, requestId: rid() });
    const session = depot.createSession();
    await call(depot, session, 'auth.signIn', { code: `op-${role}`, password: `${role}-password` });
    byRole.set(role, session);
  }
  byRole.set('admin', admin);
  await call(depot, admin, 'items.create', { code: 'FH-001', name: '医用防护口罩', unit: '只', category: 'protective', packs: '盒=50, 箱=1000', requestId: rid() });
  await call(depot, admin, 'locations.create', { code: 'A-01-01', depot: '市本级储备库', zone: 'A区', bin: '01', requestId: rid() });
  await call(depot, admin, 'suppliers.create', { code: 'S-001', name: '华康医疗用品有限公司', kind: 'manufacturer', requestId: rid() });
  await call(depot, admin, 'units.create', { code: 'U-001', name: '市第一人民医院', type: 'designated_hospital', requestId: rid() });
  depot.on('data.changed', (payload) => events.push(payload));
});
afterAll(() => env?.cleanup());

/** Every table's rows (and the schema), to compare before and after a refused call. */
function snapshot() {
  const tables = depot.store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const rows = Object.fromEntries(
    tables.map(({ name }) => [name, depot.store.all<unknown>(`SELECT * FROM "${name}"`).map((r) => JSON.stringify(r)).sort()]),
  );
  return { schema: depot.store.all('SELECT type, name, sql FROM sqlite_master ORDER BY name'), rows };
}

/** A refusal a person can read: in their language, never empty, no raw keys or placeholders. */
function expectReadable(error: AppError, locale: Locale) {
  expect(error.message.trim()).not.toBe('');
  expect(error.message).not.toMatch(/\{\{|\}\}|\b(errors|issue|field|role)\.\w/);
  if (locale === 'zh-CN') expect(error.message).toMatch(/\p{Script=Han}/u);
  else expect(error.message).not.toMatch(/\p{Script=Han}/u);
}

/** Calls a channel with a copy of the session and expects a refusal that changed nothing at all. */
async function refused(channel: ChannelName, input: unknown, session: Session): Promise<AppError> {
  const before = snapshot();
  const caller = { ...session };
  events.length = 0;
  const result = await depot.invoke(channel, input, caller);
  if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}: ${JSON.stringify(result.data)}`);
  expect(snapshot()).toEqual(before);
  expect(caller).toEqual(session);
  expect(events).toEqual([]);
  expectReadable(result.error, session.locale);
  return result.error;
}

const inLocale = (session: Session, locale: Locale): Session => ({ ...session, locale });

// ---------------------------------------------------------------------------------------------

describe('the contract', () => {
  it('declares channels, each with a handler, and no handler without a channel', () => {
    expect(names.length).toBeGreaterThan(10);
    const missing = names.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
    expect(Object.keys(handlers).filter((name) => !names.includes(name as ChannelName))).toEqual([]);
  });

  it('refuses a channel that does not exist', async () => {
    const error = await refused('no.such.channel' as ChannelName, {}, admin);
    expect(error.code).toBe('unknown_channel');
    expect(error.message).toContain('no.such.channel');
  });

  it('gives every command a request id (the same id sent again never writes twice)', () => {
    for (const name of names) {
      const spec = channels[name];
      if (spec.kind !== 'command') continue;
      expect(defOf(spec.input).type, name).toBe('object');
      expect(Object.keys(defOf(spec.input).shape as object), name).toContain('requestId');
    }
  });
});

describe.each(names)('%s', (name) => {
  const spec = channels[name];
  const valid = sample(spec.input);
  const cases = valid ? malformed(spec.input, valid.value) : [];

  it('has a valid sample input derived from its schema', () => {
    // If this fails, teach sample() above about the new kind of schema.
    expect(valid, `no valid input found for ${name}`).toBeDefined();
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses malformed input with invalid_input, in Chinese and in English, and changes nothing', async () => {
    // An admin may call every channel, so what is refused here is the input itself.
    for (const c of cases) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const error = await refused(name, c.input, inLocale(admin, locale));
        expect({ case: c.label, code: error.code }).toEqual({ case: c.label, code: 'invalid_input' });
        // The refusal marks the part that was sent wrong, or the field holding it (a union such as packs is blamed whole).
        if (c.field !== undefined) {
          const marks = error.field !== undefined && (c.field === error.field || c.field.startsWith(`${error.field}.`));
          expect({ case: c.label, field: error.field, marks }).toEqual({ case: c.label, field: error.field, marks: true });
        }
      }
    }
    if (spec.access === 'public') {
      const error = await refused(name, null, depot.createSession());
      expect(error.code).toBe('invalid_input');
    }
  });

  const access = spec.access;
  if (access !== 'public') {
    it('refuses a signed-out caller before looking at the input', async () => {
      for (const input of [valid?.value, null]) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const error = await refused(name, input, depot.createSession(locale));
          expect(error.code).toBe('not_signed_in');
        }
      }
    });
  }

  if (Array.isArray(access)) {
    const outsiders = ROLES.filter((role) => role !== 'admin' && !access.includes(role));
    if (outsiders.length > 0) {
      it(`refuses ${outsiders.join(', ')} with forbidden, naming their role`, async () => {
        for (const role of outsiders) {
          // The command center's staff are told what they may do instead (read the city's views).
          const code = role === 'center' ? 'center_read_only' : 'forbidden';
          for (const input of [valid?.value && { ...(valid.value as object), requestId: rid() }, null]) {
            const zh = await refused(name, input, inLocale(byRole.get(role)!, 'zh-CN'));
            expect(zh.code).toBe(code);
            expect(zh.message).toContain((resources['zh-CN'].translation as { role: Record<Role, string> }).role[role]);
            const en = await refused(name, input, inLocale(byRole.get(role)!, 'en'));
            expect(en.code).toBe(code);
            expect(en.message).toContain((resources.en.translation as { role: Record<Role, string> }).role[role]);
          }
        }
      });
    }
  }
});
