import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerLedger, depotLedger, registeredDepot, tempCenter } from '../../support/center.ts';
import { applyBatch } from '../../../main/center/apply.ts';
import { signedBatch } from '../../../main/center/batch.ts';
import { CenterError, refusalText } from '../../../main/center/errors.ts';
import type { CenterStore } from '../../../main/center/store.ts';
import { openDepot } from '../../../main/core/depot.ts';
import { call, rid } from '../../support/depot.ts';
import { join } from 'node:path';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

async function refusal(p: Promise<unknown>): Promise<CenterError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(CenterError);
  return e as CenterError;
}

/** A depot with a receipt of masks, a shipment and a reversal-free day: about a dozen outbox entries. */
async function postedDepot(code: string) {
  const d = await registeredDepot(center, code);
  cleanups.push(() => d.env.cleanup());
  await d.receive(d.f.mask.id, 1000, 120);
  await d.receive(d.f.bed.id, 40, null);
  await d.ship(d.f.mask.id, 300);
  await d.ship(d.f.bed.id, 15);
  return d;
}

const rowCount = async (table: string) => Number((await center.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe.skipIf(why)(`applying a depot's batch at the center${why ? ` (skipped: ${why})` : ''}`, () => {
  it('puts every ledger row of the depot at the center one for one, and a repeated batch changes nothing', async () => {
    center = await tempCenter(pg.url);
    const d = await postedDepot('QX01');
    const batch = signedBatch(d.depot.store, d.code, d.key.privateKey, 0)!;
    const first = await applyBatch(center, batch, 'push');
    expect(first.skipped).toBe(0);
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));

    const again = await applyBatch(center, batch, 'push');
    expect(again).toEqual({ applied: 0, skipped: first.applied, highWater: first.highWater });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    expect(await rowCount('entries')).toBe(first.applied);
    const { rows } = await center.pool.query(`SELECT kind, no, status FROM documents ORDER BY kind, no`);
    expect(rows.filter((r) => r.kind === 'dispatch').map((r) => r.status)).toEqual(['shipped', 'shipped']);
  });

  it('refuses a batch that comes before the one it follows, then applies it once the gap is filled', async () => {
    center = await tempCenter(pg.url);
    const d = await postedDepot('QX01');
    const early = signedBatch(d.depot.store, d.code, d.key.privateKey, 0, 3)!;
    const late = signedBatch(d.depot.store, d.code, d.key.privateKey, 3)!;

    const gap = await refusal(applyBatch(center, late, 'push'));
    expect(gap.code).toBe('gap');
    expect(refusalText(gap, 'zh-CN')).toContain('不连续');
    expect(await rowCount('entries')).toBe(0);

    expect((await applyBatch(center, early, 'push')).applied).toBe(3);
    await applyBatch(center, late, 'push');
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    // Overlapping: the first three again, with the rest — only nothing new.
    expect((await applyBatch(center, signedBatch(d.depot.store, d.code, d.key.privateKey, 0)!, 'file')).applied).toBe(0);
  });

  it('refuses a tampered batch, a batch signed by another depot and an unknown depot, in words, changing nothing', async () => {
    center = await tempCenter(pg.url);
    const a = await postedDepot('QX01');
    const b = await postedDepot('QX02');
    const batch = signedBatch(a.depot.store, a.code, a.key.privateKey, 0)!;

    const tampered = { ...batch, body: batch.body.replace('"qty":-300', '"qty":-3') };
    expect(tampered.body).not.toBe(batch.body);
    const bad = await refusal(applyBatch(center, tampered, 'file'));
    expect(bad.code).toBe('bad_signature');
    expect(refusalText(bad, 'zh-CN')).toMatch(/签名核对不通过.*未导入任何内容/);
    expect(refusalText(bad, 'en')).toContain('signature');

    // B's key, A's name: B cannot write A's ledger.
    const posing = signedBatch(a.depot.store, a.code, b.key.privateKey, 0)!;
    expect((await refusal(applyBatch(center, posing, 'push'))).code).toBe('bad_signature');
    // B's own envelope around a body that names A.
    const bodyNamingA = signedBatch(a.depot.store, a.code, b.key.privateKey, 0)!;
    expect((await refusal(applyBatch(center, { ...bodyNamingA, depot: b.code }, 'push'))).code).toBe('foreign_batch');

    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect((await refusal(applyBatch(center, signedBatch(a.depot.store, 'QX99', stranger, 0)!, 'push'))).code).toBe('unknown_depot');
    expect((await refusal(applyBatch(center, { depot: 'QX01', body: 42 }, 'push'))).code).toBe('bad_batch');

    expect(await rowCount('entries')).toBe(0);
    expect(await rowCount('movements')).toBe(0);
  });

  it('refuses a depot restored from an older backup whose new postings reuse numbers the center already has', async () => {
    center = await tempCenter(pg.url);
    const d = await registeredDepot(center, 'QX01');
    cleanups.push(() => d.env.cleanup());
    await d.receive(d.f.mask.id, 1000, 120);
    const backup = join(d.env.dir, 'older.db');
    await d.depot.store.db.backup(backup);
    await d.ship(d.f.mask.id, 300);
    await applyBatch(center, signedBatch(d.depot.store, d.code, d.key.privateKey, 0)!, 'push');
    const before = await centerLedger(center, d.code);

    // The older file comes back (a disk failed) and posts something else under the same numbers.
    const restored = openDepot({ dbPath: backup });
    cleanups.unshift(() => restored.close());
    const rewound = await refusal(applyBatch(center, signedBatch(restored.store, d.code, d.key.privateKey, 0)!, 'push'));
    expect(rewound.code).toBe('depot_rewound');
    const dispatcher = restored.createSession();
    await call(restored, dispatcher, 'auth.signIn', { code: 'ddy', password: 'ddy-pass-1' });
    const approver = restored.createSession();
    await call(restored, approver, 'auth.signIn', { code: 'boss', password: 'boss-pass-1' });
    const order = await call(restored, dispatcher, 'dispatch.create', { unitId: d.unitId, lines: [{ itemId: d.f.mask.id, qty: 700 }], requestId: rid() });
    const approved = await call(restored, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    await call(restored, dispatcher, 'dispatch.ship', { id: approved.id, version: approved.version, requestId: rid() });

    const differs = await refusal(applyBatch(center, signedBatch(restored.store, d.code, d.key.privateKey, 0)!, 'push'));
    expect(differs.code).toBe('depot_rewound');
    expect(refusalText(differs, 'zh-CN')).toMatch(/恢复了较早的备份/);
    expect(await centerLedger(center, d.code)).toEqual(before);
  });

  it('takes a depot’s midnight close (扎账) with its frozen figures', async () => {
    center = await tempCenter(pg.url);
    let now = new Date('2026-04-09T10:00:00+08:00');
    const d = await registeredDepot(center, 'QX01', { clock: () => now });
    cleanups.push(() => d.env.cleanup());
    await d.receive(d.f.mask.id, 500, 120);
    await d.ship(d.f.mask.id, 120);
    now = new Date('2026-04-10T08:00:00+08:00');
    await call(d.depot, d.keeper, 'ledger.closeDay', { day: '2026-04-09', requestId: rid() });
    await applyBatch(center, signedBatch(d.depot.store, d.code, d.key.privateKey, 0)!, 'push');
    const own = d.depot.store.all<{ day: string; through_movement_id: number; figures: string }>('SELECT day, through_movement_id, figures FROM day_closes ORDER BY day');
    const { rows } = await center.pool.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, through_id, figures FROM day_closes WHERE depot_code = 'QX01' ORDER BY day`);
    expect(rows).toEqual(own.map((c) => ({ day: c.day, through_id: c.through_movement_id, figures: JSON.parse(c.figures) })));
    expect(rows.map((r) => r.day)).toContain('2026-04-09');
  });
});

