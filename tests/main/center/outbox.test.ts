import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffedDepot } from '../../support/fixtures.ts';
import { rid } from '../../support/depot.ts';
import { newDatabase, pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerLedger, depotLedger, registeredDepot, tempCenter } from '../../support/center.ts';
import { ackedSeq, outboxTail, pruneOutbox, readOutbox, setAcked } from '../../../main/center/outbox.ts';
import { serveCenter } from '../../../main/center/serve.ts';
import { pushOutbox } from '../../../main/center/sync.ts';
import { openCenterStore } from '../../../main/center/store.ts';
import { depotLag } from '../../../main/center/views.ts';
import pgLib from 'pg';

type Env = Awaited<ReturnType<typeof staffedDepot>>;
let env: Env | undefined;
afterEach(() => env?.env.cleanup());

const ledger = (e: Env) => e.depot.store.all<{ id: number; qty: number; doc_no: string }>('SELECT id, qty, doc_no FROM movements ORDER BY id');

describe('the outbox for the command center', () => {
  it('gets one entry per ledger row and per document posted, in the posting\'s own transaction', async () => {
    env = await staffedDepot();
    const receipt = await env.receive(env.f.mask.id, 500, 120);
    const shipped = await env.ship(env.f.mask.id, 200);

    const entries = readOutbox(env.depot.store, 0, 1000);
    const movements = entries.filter((e) => e.kind === 'movement');
    expect(movements.map((m) => [m.payload.id, m.payload.qty, m.payload.docNo])).toEqual(ledger(env).map((r) => [r.id, r.qty, r.doc_no]));
    expect(movements[0]!.payload).toMatchObject({ item: { code: 'FH-001', category: 'protective' }, lotNo: 'L1', location: 'A-01-01', supplier: 'S-001' });
    expect(movements[1]!.payload).toMatchObject({ docType: 'dispatch', qty: -200, recipient: { code: 'U-01', type: 'designated_hospital' } });
    expect(entries.filter((e) => e.kind === 'receipt').map((e) => e.payload.no)).toEqual([receipt.no]);
    expect(entries.filter((e) => e.kind === 'dispatch').map((e) => [e.payload.no, e.payload.status])).toEqual([[shipped.no, 'shipped']]);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  });

  it('gets nothing from a refused posting', async () => {
    env = await staffedDepot();
    await env.receive(env.f.mask.id, 100, 120);
    const before = readOutbox(env.depot.store, 0, 1000).length;
    const order = await env.depot.invoke('dispatch.create', { unitId: env.unitId, lines: [{ itemId: env.f.mask.id, qty: 300 }], requestId: rid() }, env.dispatcher);
    expect(order.ok).toBe(true);
    if (!order.ok) return;
    const refused = await env.depot.invoke('dispatch.approve', { id: order.data.id, version: order.data.version, requestId: rid() }, env.approver);
    expect(refused.ok).toBe(false);
    expect(readOutbox(env.depot.store, 0, 1000).length).toBe(before);
  });

  it('cannot be edited or emptied', async () => {
    env = await staffedDepot();
    await env.receive(env.f.mask.id, 100, 120);
    expect(() => env!.depot.store.run('DELETE FROM outbox')).toThrow(/append-only/);
    expect(() => env!.depot.store.run("UPDATE outbox SET payload = '{}'")).toThrow(/append-only/);
  });

  it('is pruned of what the center acknowledged older than N days, never of an entry it has not, nor the newest', async () => {
    env = await staffedDepot();
    await env.receive(env.f.mask.id, 500, 120);
    await env.ship(env.f.mask.id, 200);
    await env.ship(env.f.mask.id, 100);
    const store = env.depot.store;
    const tail = outboxTail(store);
    const seqs = () => readOutbox(store, 0, 1000).map((e) => e.seq);
    expect(seqs()).toEqual(Array.from({ length: tail }, (_, i) => i + 1));
    const later = (days: number) => new Date(Date.now() + days * 86_400_000);

    // Nothing acknowledged: nothing goes, however old.
    expect(pruneOutbox(store, 30, later(365))).toEqual({ pruned: 0 });
    // The center holds up to 3: entries 1–3 go once older than 30 days, not before.
    setAcked(store, 3);
    expect(pruneOutbox(store, 30, later(10))).toEqual({ pruned: 0 });
    expect(pruneOutbox(store, 30, later(31))).toEqual({ pruned: 3 });
    expect(seqs()).toEqual(Array.from({ length: tail - 3 }, (_, i) => i + 4));
    // The database itself refuses to delete an entry the center has not acknowledged.
    expect(() => store.run('DELETE FROM outbox WHERE seq = ?', [tail])).toThrow(/only entries the center has acknowledged/);
    // All acknowledged: the newest stays, so the next posting is numbered after it, never again from 1.
    setAcked(store, tail);
    expect(() => store.run('DELETE FROM outbox WHERE seq = ?', [tail])).toThrow(/never the newest/);
    expect(pruneOutbox(store, 30, later(31))).toEqual({ pruned: tail - 4 });
    expect(seqs()).toEqual([tail]);
    await env.receive(env.f.mask.id, 10, 120);
    expect(seqs().slice(0, 2)).toEqual([tail, tail + 1]);
    expect(() => pruneOutbox(store, 0)).toThrow(RangeError);
  });
});

const why = pgUnavailable();
let pg: TempPg;
beforeAll(async () => {
  if (!why) pg = await startPg();
});
afterAll(() => pg?.stop());

describe.skipIf(why)(`a pruned outbox and the center${why ? ` (skipped: ${why})` : ''}`, () => {
  it('keeps pushing after pruning: the center holds every ledger row one for one, and what it had not acknowledged was never pruned', async () => {
    const center = await tempCenter(pg.url);
    const d = await registeredDepot(center, 'SBJ');
    const server = await serveCenter(center, {});
    try {
      const link = { url: server.url };
      await d.receive(d.f.mask.id, 500, 120);
      await d.ship(d.f.mask.id, 200);
      expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, link)).toMatchObject({ ok: true });
      const acked = ackedSeq(d.depot.store);
      expect(acked).toBe(outboxTail(d.depot.store));
      // Posted while the center is out of reach: not acknowledged, so never pruned.
      await server.close();
      await d.ship(d.f.mask.id, 50);
      const waiting = readOutbox(d.depot.store, acked, 1000).map((e) => e.seq);
      expect(waiting.length).toBeGreaterThan(0);
      const { pruned } = pruneOutbox(d.depot.store, 7, new Date(Date.now() + 8 * 86_400_000));
      expect(pruned).toBe(acked);
      expect(readOutbox(d.depot.store, 0, 1000).map((e) => e.seq)).toEqual(waiting);
      const again = await serveCenter(center, {});
      try {
        expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: again.url })).toMatchObject({ ok: true });
      } finally {
        await again.close();
      }
      expect(await centerLedger(center, d.code)).toEqual(depotLedger(d));
      const { rows } = await center.pool.query<{ n: string }>(`SELECT count(*) AS n FROM entries WHERE depot_code = 'SBJ'`);
      expect(Number(rows[0]!.n)).toBe(outboxTail(d.depot.store));
    } finally {
      await server.close().catch(() => undefined);
      d.env.cleanup();
      await center.close();
    }
  });

  it('says which depot has a gap from which entry, and what to do, when the center is restored from a backup older than what the depot pruned', async () => {
    const url = await newDatabase(pg.url);
    let center = await openCenterStore(url);
    const d = await registeredDepot(center, 'QX05');
    const cleanup: (() => Promise<void> | void)[] = [() => d.env.cleanup()];
    try {
      let server = await serveCenter(center, {});
      await d.receive(d.f.mask.id, 500, 120);
      expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true });
      const backedUpTo = ackedSeq(d.depot.store);
      // The night's backup of the center's database (a copy of it as it is now).
      await server.close();
      await center.close();
      const backup = url.replace(/\/(\w+)$/, '/$1_backup');
      const admin = new pgLib.Client({ connectionString: pg.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${new URL(backup).pathname.slice(1)} TEMPLATE ${new URL(url).pathname.slice(1)}`);
      await admin.end();
      // The next day: more postings pushed, acknowledged, then pruned at the depot.
      center = await openCenterStore(url);
      server = await serveCenter(center, {});
      await d.ship(d.f.mask.id, 200);
      await d.ship(d.f.mask.id, 100);
      expect(await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url })).toMatchObject({ ok: true });
      pruneOutbox(d.depot.store, 7, new Date(Date.now() + 8 * 86_400_000));
      await server.close();
      await center.close();
      await d.ship(d.f.mask.id, 50);
      const resumesAt = readOutbox(d.depot.store, 0, 1).map((e) => e.seq)[0]!;
      expect(resumesAt).toBeGreaterThan(backedUpTo + 1);

      // The center is restored from that backup: the depot is refused, and both sides say it in words.
      center = await openCenterStore(backup);
      server = await serveCenter(center, {});
      cleanup.push(() => server.close(), () => center.close());
      const refused = await pushOutbox(d.depot.store, d.code, d.key.privateKey, { url: server.url });
      expect(refused).toMatchObject({ ok: false, reason: 'refused' });
      expect(!refused.ok && refused.message).toBe(
        `指挥中心只有本库到第 ${backedUpTo} 条的数据（可能恢复了较早的备份），而本库第 ${resumesAt} 条以前的同步记录已在中心确认后清理，第 ${backedUpTo + 1}–${resumesAt - 1} 条无法重发。` +
          '请联系指挥中心：恢复包含这些数据的较新备份，或导入本库当时导出的同步文件（U 盘）；本库的业务照常，新数据保留待同步',
      );
      const [lag] = await depotLag(center, new Date(), 'zh-CN');
      expect(lag).toMatchObject({ code: 'QX05', gap: { from: backedUpTo + 1, to: resumesAt - 1 } });
      const page = await (await fetch(`${server.url}/`)).text();
      expect(page).toContain(`数据缺口：指挥中心只有该仓库到第 ${backedUpTo} 条的数据，该仓库从第 ${resumesAt} 条起才能重发（之前的已在确认后清理）。第 ${backedUpTo + 1}–${resumesAt - 1} 条须补齐：请把指挥中心恢复到包含这些数据的较新备份`);
      expect(await (await fetch(`${server.url}/?lang=en`)).text()).toContain(`Gap in the data: the center holds this depot&#39;s entries up to ${backedUpTo}, and the depot can resend only from entry ${resumesAt}`);
      // Nothing of the refused batches was taken in.
      expect((await centerLedger(center, d.code)).length).toBe(1);
    } finally {
      for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => undefined);
    }
  });
});
