import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerLedger, depotLedger, registeredDepot, tempCenter } from '../../support/center.ts';
import { serveCenter, type CenterServer } from '../../../main/center/serve.ts';
import { pushOutbox } from '../../../main/center/sync.ts';
import { exportOutboxFile, importOutboxFile } from '../../../main/center/file.ts';
import { applyBatch } from '../../../main/center/apply.ts';
import { signedBatch } from '../../../main/center/batch.ts';
import { ackedSeq, outboxTail } from '../../../main/center/outbox.ts';
import { CenterError, refusalText } from '../../../main/center/errors.ts';
import { depotLag } from '../../../main/center/views.ts';
import { serverCertificate } from '../../../main/server/certificate.ts';
import type { CenterStore } from '../../../main/center/store.ts';

const why = pgUnavailable();
let pg: TempPg;
let center: CenterStore;
let server: CenterServer | undefined;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const c of cleanups.splice(0)) c();
  await center?.close();
});

async function depot(code: string) {
  const d = await registeredDepot(center, code);
  cleanups.push(() => d.env.cleanup());
  return d;
}
const rowCount = async (table: string) => Number((await center.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe.skipIf(why)(`pushing the outbox to the center and carrying it on a file${why ? ` (skipped: ${why})` : ''}`, () => {
  it('keeps postings going while the center is down, then drains the outbox exactly once', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    server = await serveCenter(center, {});
    const link = { url: server.url, timeoutMs: 5000 };
    await d.receive(d.f.mask.id, 1000, 120);
    expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: true, pending: 0 });

    await server.close();
    server = undefined;
    for (let i = 0; i < 5; i++) await d.ship(d.f.mask.id, 10);
    const down = await pushOutbox(d.depot.store, d.code, d.key.privateKey, link);
    expect(down).toMatchObject({ ok: false, reason: 'unreachable', applied: 0 });
    const waiting = outboxTail(d.depot.store) - ackedSeq(d.depot.store);
    expect(waiting).toBeGreaterThanOrEqual(10);
    expect(down.pending).toBe(waiting);

    server = await serveCenter(center, { port: Number(new URL(link.url).port) });
    const drained = await pushOutbox(d.depot.store, d.code, d.key.privateKey, link);
    expect(drained).toMatchObject({ ok: true, applied: waiting, skipped: 0, pending: 0 });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: true, batches: 0, applied: 0 });
    const lag = await depotLag(center, new Date(Date.now() + 3 * 60_000), 'zh-CN');
    expect(lag).toEqual([expect.objectContaining({ code: 'QX01', pending: 0, text: '最后同步 3 分钟前' })]);
  });

  it('resends what the center applied but never acknowledged (a depot killed mid-push) without doubling it', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    await d.receive(d.f.mask.id, 1000, 120);
    for (let i = 0; i < 4; i++) await d.ship(d.f.mask.id, 10);
    // The center applied the first entries; the depot died before it heard the answer.
    await applyBatch(center, signedBatch(d.depot.store, d.code, d.key.privateKey, 0, 5)!, 'push');
    expect(ackedSeq(d.depot.store)).toBe(0);
    server = await serveCenter(center, {});
    const r = await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url });
    expect(r).toMatchObject({ ok: true, skipped: 5, pending: 0 });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    expect(await rowCount('entries')).toBe(outboxTail(d.depot.store));
  });

  it('imports a signed file of postings already pushed without doubling anything, and refuses a tampered file whole', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    await d.receive(d.f.mask.id, 1000, 120);
    await d.ship(d.f.mask.id, 100);
    const stick = join(d.env.dir, 'outbox-QX01.json');
    expect(exportOutboxFile(d.depot.store, d.code, d.key.privateKey, stick)).toMatchObject({ fromSeq: 1, toSeq: outboxTail(d.depot.store) });

    server = await serveCenter(center, {});
    await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url });
    const before = await centerLedger(center, d.code);
    expect(await importOutboxFile(center, stick)).toMatchObject({ applied: 0, skipped: outboxTail(d.depot.store) });
    expect(await centerLedger(center, d.code)).toEqual(before);

    // New postings carried on a stick: the file holds the old ones too; only the new ones land.
    await d.ship(d.f.mask.id, 50);
    exportOutboxFile(d.depot.store, d.code, d.key.privateKey, stick, 0);
    const tampered = join(d.env.dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(stick, 'utf8').replace(/\\"qty\\":-50/, '\\"qty\\":-5'));
    expect(readFileSync(tampered, 'utf8')).not.toBe(readFileSync(stick, 'utf8'));
    const refused = await importOutboxFile(center, tampered).catch((e: unknown) => e as CenterError);
    expect(refused).toBeInstanceOf(CenterError);
    expect(refusalText(refused as CenterError, 'zh-CN')).toContain('签名核对不通过');
    expect(await centerLedger(center, d.code)).toEqual(before);

    writeFileSync(tampered, '{"format":"something else"}');
    expect(((await importOutboxFile(center, tampered).catch((e: unknown) => e)) as CenterError).code).toBe('bad_file');

    const imported = await importOutboxFile(center, stick);
    expect(imported.applied).toBeGreaterThan(0);
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
  });

  it('pushes over HTTPS to a center whose certificate the depot pinned, and to no other', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    await d.receive(d.f.mask.id, 100, 120);
    const certificate = await serverCertificate(join(d.env.dir, 'center'));
    server = await serveCenter(center, { tls: certificate });
    const url = server.url.replace('127.0.0.1', 'localhost');
    const wrong = await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url, pinned: { cert: certificate.cert, fingerprint: 'AA:BB' } });
    expect(wrong).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(await rowCount('entries')).toBe(0);
    const pinned = await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url, pinned: { cert: certificate.cert, fingerprint: certificate.fingerprint } });
    expect(pinned).toMatchObject({ ok: true, pending: 0 });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
  });

  it('loses and doubles nothing when the depot’s pushing process is killed in the middle of a push', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    for (let i = 0; i < 6; i++) await d.receive(d.f.mask.id, 100, 120);
    for (let i = 0; i < 24; i++) await d.ship(d.f.mask.id, 10);
    const tail = outboxTail(d.depot.store);
    server = await serveCenter(center, {});

    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL('../../support/push-child.ts', import.meta.url)), d.dbPath(), d.code, server.url], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // Killed once the center has taken a few batches, long before the last (bounded: 20 s).
    let highWater = 0;
    for (let i = 0; i < 1000 && highWater < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      highWater = Number((await center.pool.query(`SELECT high_water FROM depots WHERE code = 'QX01'`)).rows[0].high_water);
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = Number((await center.pool.query(`SELECT high_water FROM depots WHERE code = 'QX01'`)).rows[0].high_water);
    expect(atKill).toBeGreaterThanOrEqual(3);
    expect(atKill).toBeLessThan(tail);
    expect(ackedSeq(d.depot.store)).toBeLessThanOrEqual(atKill);

    expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true, pending: 0 });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    expect(await rowCount('entries')).toBe(tail);
  });
});

describe.skipIf(why)(`the depot pushing by itself${why ? ` (skipped: ${why})` : ''}`, () => {
  it('retries while the center is down and drains once it is back, with nobody at the desk', async () => {
    const { startAutoPush } = await import('../../../main/center/auto-push.ts');
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    server = await serveCenter(center, {});
    const url = server.url;
    await server.close();
    server = undefined;
    const results: boolean[] = [];
    const auto = startAutoPush(d.depot.store, d.code, d.key.privateKey, { url, timeoutMs: 2000 }, { everyMs: 50, maxBackoffMs: 200, onResult: (r) => results.push(r.ok) });
    try {
      await d.receive(d.f.mask.id, 300, 120);
      await d.ship(d.f.mask.id, 100);
      // Bounded: a few failed tries while the center is down.
      for (let i = 0; i < 200 && results.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(results.slice(0, 2)).toEqual([false, false]);
      server = await serveCenter(center, { port: Number(new URL(url).port) });
      for (let i = 0; i < 250 && ackedSeq(d.depot.store) < outboxTail(d.depot.store); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
      await d.ship(d.f.mask.id, 50);
      expect(await auto.nudge()).toMatchObject({ ok: true, pending: 0 });
      expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
    } finally {
      await auto.stop();
    }
  });
});

describe.skipIf(why)(`the center's PostgreSQL going away${why ? ` (skipped: ${why})` : ''}`, () => {
  it('leaves everything in the depot’s outbox while it is down, and the running center applies it once it is back', async () => {
    center = await tempCenter(pg.url);
    const d = await depot('QX01');
    server = await serveCenter(center, {});
    await d.receive(d.f.mask.id, 100, 120);
    expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true });
    pg.down();
    try {
      await d.ship(d.f.mask.id, 30);
      const refused = await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url });
      expect(refused).toMatchObject({ ok: false, reason: 'unreachable', applied: 0 });
      expect(refused.pending).toBeGreaterThan(0);
      expect(!refused.ok && refused.message).toBe('指挥中心的数据库暂时无法使用，本批未导入；数据保留在仓库，稍后重试');
    } finally {
      pg.up();
    }
    expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true, pending: 0 });
    expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
  });
});

