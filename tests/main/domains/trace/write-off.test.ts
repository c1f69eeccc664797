import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Depot } from '../../../../main/core/depot.ts';
import { call, rid } from '../../../support/depot.ts';
import { ledgerMismatches, staffedDepot } from '../../../support/fixtures.ts';
import { cleanupTemp, pdfPages, squeeze } from '../../documents/pdf-tools.ts';
import { readWorkbook } from '../../excel/read-back.ts';

afterAll(() => cleanupTemp());

/** Expired goods leave the books on a write-off (报损) of their own: approved by another, disposal recorded, printed, apart in the ledger. */
describe('writing off expired goods', () => {
  let now = new Date('2026-07-02T09:00:00+08:00');
  let d: Awaited<ReturnType<typeof staffedDepot>>;
  let depot: Depot;

  beforeEach(async () => {
    now = new Date('2026-06-01T09:00:00+08:00');
    d = await staffedDepot({ clock: () => now });
    depot = d.depot;
    await d.receive(d.f.mask.id, 600, 250, { lotNo: 'EXP', expiresOn: '2026-06-30' });
    await d.receive(d.f.mask.id, 400, 300, { lotNo: 'OK', expiresOn: '2028-06-30' });
    now = new Date('2026-07-02T09:00:00+08:00');
  });
  afterEach(() => d.env.cleanup());

  const lot = (no: string) => depot.store.first<{ id: number }>('SELECT id FROM lots WHERE lot_no = ?', [no])!.id;

  it('posts as 报损 with its book value, refuses the writer as approver and an empty disposal, prints, and shows apart in the workbook', async () => {
    const draft = await call(depot, d.keeper, 'writeOffs.saveDraft', { reason: 'expired', note: '超过有效期', lines: [{ lotId: lot('EXP'), locationId: d.f.a1.id, qty: '12盒' }], requestId: rid() });
    expect(draft.lines[0]!.qty).toBe(600);
    expect(draft.status).toBe('draft');

    const noDisposal = await depot.invoke('writeOffs.post', { id: draft.id, version: draft.version, requestId: rid() }, d.approver);
    expect(noDisposal.ok ? 'posted' : noDisposal.error.message).toBe('输入有误：处置方式不能为空');
    const filled = await call(depot, d.keeper, 'writeOffs.saveDraft', {
      id: draft.id, version: draft.version, reason: 'expired', note: '超过有效期', disposal: '交医疗废物处置中心焚烧', disposedBy: '张三', witness: '李四',
      lines: [{ lotId: lot('EXP'), locationId: d.f.a1.id, qty: 600 }], requestId: rid(),
    });
    const byKeeper = await depot.invoke('writeOffs.post', { id: filled.id, version: filled.version, requestId: rid() }, d.keeper);
    expect(byKeeper.ok ? 'posted' : byKeeper.error.code).toBe('forbidden');

    const posted = await call(depot, d.approver, 'writeOffs.post', { id: filled.id, version: filled.version, requestId: rid() });
    expect(posted.no).toMatch(/^BS20260702-\d{4}$/);
    // At the moving average of the two purchases: (600 × ¥2.50 + 400 × ¥3.00) / 1,000 = ¥2.70.
    expect(posted.totals).toEqual({ qty: 600, amount: 162000 });
    expect(depot.store.all("SELECT qty, amount, doc_type FROM movements WHERE doc_type = 'write_off'")).toEqual([{ qty: -600, amount: -162000, doc_type: 'write_off' }]);
    expect(depot.store.first<{ n: number }>('SELECT sum(on_hand) AS n FROM stock')!.n).toBe(400);
    expect(ledgerMismatches(depot)).toEqual([]);
    // Posted is posted: no second post, no edit.
    const twice = await depot.invoke('writeOffs.post', { id: posted.id, version: posted.version, requestId: rid() }, d.approver);
    expect(twice.ok ? 'posted' : twice.error.code).toBe('not_draft');

    const text = squeeze(pdfPages(Buffer.from((await call(depot, d.approver, 'print.writeOff', { writeOff: posted.no!, output: 'preview' })).pdfBase64!, 'base64')).join(''));
    for (const s of ['报损单', posted.no!, 'EXP', '600只', '1,620.00', '壹仟陆佰贰拾元整', '交医疗废物处置中心焚烧', '张三', '李四', '过期']) expect(text).toContain(s);

    // Counted apart: not a dispatch, said on its own in the briefing.
    const stats = await call(depot, d.admin, 'stats.summary', {});
    expect(stats.cumulative.writtenOff).toEqual({ kinds: 1, pieces: 600, amount: 162000 });
    expect(stats.cumulative.dispatched.total.pieces).toBe(0);
    const briefing = await call(depot, d.admin, 'stats.briefing', {});
    expect(briefing.zh).toContain('累计报损物资600件。');

    const path = join(d.env.dir, '台账.xlsx');
    await call(depot, d.admin, 'ledger.export', { from: '2026-06-01', to: '2026-07-02', path });
    const wb = await readWorkbook(path);
    const detail = wb.get('明细')!;
    const row = detail.find((r) => r.includes(posted.no!))!;
    expect(row).toContain('报损');
    const summary = wb.get('汇总')!;
    const head = summary.findIndex((r) => r.includes('报损'));
    expect(head).toBeGreaterThanOrEqual(0);
    const col = summary[head]!.indexOf('报损');
    const maskRow = summary.find((r) => r.includes('FH-001'))!;
    expect(maskRow[col]).toBe(600);
    const byUnit = wb.get('按受领单位')!;
    expect(byUnit.some((r) => r[0] === '报损' && r.includes(600))).toBe(true);
  });

  it('never takes what an order has reserved', async () => {
    await d.approve(d.f.mask.id, 300);
    const draft = await call(depot, d.keeper, 'writeOffs.saveDraft', { reason: 'damaged', disposal: '销毁', disposedBy: '张三', witness: '李四', lines: [{ lotId: lot('OK'), locationId: d.f.a1.id, qty: 200 }], requestId: rid() });
    const r = await depot.invoke('writeOffs.post', { id: draft.id, version: draft.version, requestId: rid() }, d.approver);
    expect(r.ok ? 'posted' : r.error.code).toBe('insufficient_stock');
  });
});
