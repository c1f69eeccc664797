import { afterEach, describe, expect, it } from 'vitest';
import { staffedDepot } from '../../support/fixtures.ts';
import { rid } from '../../support/depot.ts';
import { readOutbox } from '../../../main/center/outbox.ts';

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
});
