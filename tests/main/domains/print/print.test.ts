import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDepot, type Depot, type Session } from '../../../../main/core/depot.ts';
import { nodePrintPort, type PrintJob, type PrintPort } from '../../../../main/domains/print/port.ts';
import type { ChannelName, Input, SlipPrintSettings } from '../../../../shared/contract/index.ts';
import { adminSession, call, rid, sessionWithRole } from '../../../support/depot.ts';
import { smallDepot } from '../../../support/fixtures.ts';
import { cleanupTemp, decodeBarcodes, pdfInfo, pdfPages, pdfWords, squeeze } from '../../documents/pdf-tools.ts';

/** PDF points: 1 mm = 72 / 25.4 pt. */
const pt = (mm: number) => (mm * 72) / 25.4;

/**
 * The desk's printers, as the OS would offer them. Paper cannot come out in a test, so the
 * printer keeps the PDF Chromium makes of what it was sent (what a "print to PDF" driver does);
 * everything else — Chromium, the HTML, the store — is real, and one Chromium serves the file.
 */
const chromium = nodePrintPort();
const printed: { job: PrintJob; pdf: Buffer }[] = [];
let offline = false;
const deskPrinter: PrintPort = {
  toPdf: (html, options) => chromium.toPdf(html, options),
  async print(html, options, job) {
    if (offline) throw new Error('打印机脱机');
    // webContents.print takes the paper size and nothing of Chromium's header or footer templates.
    printed.push({ job, pdf: await chromium.toPdf(html, { ...options, displayHeaderFooter: false, headerTemplate: '', footerTemplate: '' }) });
  },
  measureLines: (html, options) => chromium.measureLines!(html, options),
  listPrinters: async () => [
    { name: 'HP-LaserJet-M1136', isDefault: true },
    { name: 'TSC-TTP-244', isDefault: false },
  ],
  close: () => chromium.close(),
};

let dir: string;
let depot: Depot;
let s: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const admin = await adminSession(depot);
  const dispatcher = await sessionWithRole(depot, admin, 'dispatcher', 'ddy01');
  await call(depot, admin, 'operators.create', { code: 'sh01', name: '赵敏', role: 'approver', password: 'sh01-pass-1', requestId: rid() });
  const approver = depot.createSession();
  await call(depot, approver, 'auth.signIn', { code: 'sh01', password: 'sh01-pass-1' });
  const keeper = await sessionWithRole(depot, admin, 'storekeeper', 'bgy01');
  const data = await smallDepot(depot, admin);
  const unit = await call(depot, admin, 'units.create', {
    code: 'FC-02', name: '市第二方舱医院', type: 'makeshift_hospital', contact: '王建国', phone: '13804712345', address: '高新区会展中心3号馆东门', requestId: rid(),
  });
  const receipt = await call(depot, keeper, 'receipts.saveDraft', {
    sourceType: 'purchase',
    supplierId: data.maker.id,
    lines: [
      { itemId: data.mask.id, lotNo: 'M2601', expiresOn: '2027-01-31', counted: 8000, unitCost: 350, locationId: data.a1.id },
      { itemId: data.mask.id, lotNo: 'M2603', expiresOn: '2028-03-10', counted: 200_000, unitCost: 350, locationId: data.a2.id },
      // Expires last, so no order touches it: the carton labels' lot.
      { itemId: data.mask.id, lotNo: 'M2609', expiresOn: '2029-09-30', counted: 15_970, unitCost: 350, locationId: data.a1.id },
      { itemId: data.suit.id, lotNo: 'S2602', expiresOn: '2028-02-01', counted: 1000, unitCost: 8500, locationId: data.a1.id },
      { itemId: data.bed.id, counted: 30, unitCost: 26000, locationId: data.a2.id },
    ],
    requestId: rid(),
  });
  const posted = await call(depot, keeper, 'receipts.post', { id: receipt.id, version: receipt.version, requestId: rid() });
  return { admin, dispatcher, approver, keeper, unit, posted, ...data };
}

/** An order of 12,030 masks (FEFO: all of M2601, the rest from M2603) and 3 cartons of suits, approved, picked and shipped. */
async function shippedOrder() {
  const order = await call(depot, s.dispatcher, 'dispatch.create', {
    unitId: s.unit.id, vehicle: '蒙A·D7721', driver: '李卫东', remarks: '当日送达', lines: [{ itemId: s.mask.id, qty: '12箱 30只' }, { itemId: s.suit.id, qty: '3箱' }], requestId: rid(),
  });
  const approved = await call(depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
  const picked = await call(depot, s.keeper, 'dispatch.pick', { id: order.id, version: approved.version, requestId: rid() });
  return call(depot, s.dispatcher, 'dispatch.ship', { id: order.id, version: picked.version, requestId: rid() });
}

/**
 * An approved order of `count` lines, one item each (boxes of 10, cartons of 100), each item's
 * stock at its own location. The locations are made out of walking order, so a list that reads
 * in location order has sorted them.
 */
async function longOrder(prefix: string, count: number) {
  const items: { id: number; code: string }[] = [];
  const locations: { id: number; code: string }[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      await call(depot, s.admin, 'items.create', {
        code: `${prefix}-${String(i + 1).padStart(3, '0')}`, name: `测试物资${i + 1}号`, spec: '常规', unit: '件', category: 'living', packs: '盒=10, 箱=100', requestId: rid(),
      }),
    );
  }
  for (let i = 0; i < count; i++) {
    // Location k goes to item (7·k mod count): a permutation when 7 does not divide count.
    const k = (i * 7) % count;
    const code = `${prefix}-${String(Math.floor(k / 10) + 1).padStart(2, '0')}-${String((k % 10) + 1).padStart(2, '0')}`;
    locations.push(await call(depot, s.admin, 'locations.create', { code, depot: '市本级储备库', zone: `${prefix}${Math.floor(k / 10) + 1}`, bin: String((k % 10) + 1), requestId: rid() }));
  }
  const draft = await call(depot, s.keeper, 'receipts.saveDraft', {
    sourceType: 'purchase',
    supplierId: s.maker.id,
    lines: items.map((item, i) => ({ itemId: item.id, lotNo: `${prefix}L${i + 1}`, expiresOn: '2029-06-30', counted: 1000, unitCost: 100, locationId: locations[i]!.id })),
    requestId: rid(),
  });
  await call(depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
  const order = await call(depot, s.dispatcher, 'dispatch.create', {
    unitId: s.unit.id, vehicle: '蒙A·D7721', driver: '李卫东', lines: items.map((item, i) => ({ itemId: item.id, qty: 100 + i * 11 })), requestId: rid(),
  });
  const approved = await call(depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
  return { order: approved, items, locations };
}

async function refusal<C extends ChannelName>(channel: C, input: Input<C>, session: Session = s.dispatcher) {
  const answer = await depot.invoke(channel, input, session);
  if (answer.ok) throw new Error(`${channel} was not refused`);
  return answer.error;
}

const pdfOf = (base64: string | null) => Buffer.from(base64!, 'base64');
const textOf = (pdf: Buffer) => squeeze(pdfPages(pdf).join(''));
const history = (docType: 'dispatch' | 'receipt' | 'lot', docId: number) => call(depot, s.dispatcher, 'print.history', { docType, docId });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depot-print-'));
  depot = openDepot({ dbPath: join(dir, 'depot.db'), clock: () => new Date('2026-04-10T10:00:00+08:00'), printer: deskPrinter });
  s = await setup();
});
afterAll(async () => {
  await depot.close();
  rmSync(dir, { recursive: true, force: true });
  cleanupTemp();
});

describe('print.slip', () => {
  it('writes the shipped order as an A4 PDF: recipient, items, lots, quantities with packs, amount in 大写, codes that scan to the order number', async () => {
    const order = await shippedOrder();
    const path = join(dir, 'slip-a4.pdf');
    const printedSlip = await call(depot, s.dispatcher, 'print.slip', { order: order.id, output: 'pdf', path });
    expect(printedSlip).toMatchObject({ path, pdfBase64: null, reprint: 0, recorded: true, title: `出库单 ${order.no}`, pages: 3 });

    const pdf = readFileSync(path);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(3);
    expect(Math.abs(info.width - pt(210))).toBeLessThan(2);
    expect(Math.abs(info.height - pt(297))).toBeLessThan(2);
    const pages = pdfPages(pdf).map(squeeze);
    // One page set per part, in the order 存根, 随货, 回执, each the whole slip.
    expect(pages.map((p) => ['存根', '随货', '回执'].filter((w) => p.includes(w)))).toEqual([['存根'], ['随货'], ['回执']]);
    const page = pages[0]!;
    for (const text of ['市本级应急物资储备库', '出库单', order.no, '市第二方舱医院', '高新区会展中心3号馆东门', '王建国', '13804712345', '蒙A·D7721', '李卫东', '赵敏', '当日送达']) {
      expect(page, text).toContain(squeeze(text));
    }
    // FEFO split the masks over two lots: one line each, with its expiry, quantity and packs.
    expect(page).toContain('医用防护口罩');
    expect(page).toContain('M26012027-01-318,0008箱');
    expect(page).toContain('M26032028-03-104,0304箱+30只');
    expect(page).toContain('医用一次性防护服');
    expect(page).toContain('S26022028-02-01603箱');
    expect(page).toContain('2种，12,090件');
    // 12,030 × ¥3.50 + 60 × ¥85.00
    expect(page).toContain('¥47,205.00');
    expect(page).toContain('肆万柒仟贰佰零伍元整');
    expect(page).not.toContain('补打');

    const codes = decodeBarcodes(pdf);
    expect(codes).toContain(`CODE-128:${order.no}`);
    expect(codes).toContain(`QR-Code:${order.no}`);
  });

  it('marks the second print 补打 with its count, on 241 mm three-ply forms as one set whose plies are 存根/随货/回执, and lists both in the history', async () => {
    const order = await shippedOrder();
    await call(depot, s.dispatcher, 'print.slip', { order: order.no, output: 'pdf', path: join(dir, 'first.pdf') });
    const again = await call(depot, s.keeper, 'print.slip', { order: order.id, paper: 'continuous-241', output: 'pdf' });
    expect(again).toMatchObject({ path: null, reprint: 1, recorded: true });
    const pdf = pdfOf(again.pdfBase64);
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - pt(241))).toBeLessThan(2);
    expect(Math.abs(info.height - pt(139.7))).toBeLessThan(2);
    expect(info.pages).toBe(again.pages);
    const text = textOf(pdf);
    // Was three page sets on three-ply paper (nine plies): now one set, the footer naming the plies.
    for (const word of ['多联纸：白存根/红随货/黄回执', '补打（第1次）', order.no]) expect(text).toContain(word);
    for (const word of ['第一联存根', '第二联随货', '第三联回执']) expect(text).not.toContain(word);

    const records = await history('dispatch', order.id);
    expect(records.map((r) => [r.reprint, r.kind, r.paper, r.output, r.copies, r.operator])).toEqual([
      [0, 'slip', 'A4', 'pdf', 3, 'ddy01'],
      [1, 'slip', 'continuous-241', 'pdf', 1, 'bgy01'],
    ]);
    expect((await call(depot, s.dispatcher, 'dispatch.get', { id: order.id })).prints).toBe(2);
  });

  it('numbers each part of a long A4 slip on its own, the same on paper (webContents.print, no footer template) as in the PDF', async () => {
    const { order } = await longOrder('PN', 40);
    const answer = await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'A4', output: 'preview' });
    const pdf = pdfOf(answer.pdfBase64);
    const pages = pdfPages(pdf).map(squeeze);
    const footers = (all: string[]) => all.map((p) => /第(\d+)页\/共(\d+)页·(存根|随货|回执)联/.exec(p)?.slice(1).join(' '));
    // Each part counts 1..N of its own N (the 回执, with its own columns, may run longer).
    const counts = ['存根', '随货', '回执'].map((part) => footers(pages).filter((f) => f?.endsWith(part)).length);
    const expected = ['存根', '随货', '回执'].flatMap((part, k) => Array.from({ length: counts[k]! }, (_, i) => `${i + 1} ${counts[k]} ${part}`));
    expect(counts[0]).toBeGreaterThanOrEqual(2);
    expect(footers(pages)).toEqual(expected);
    expect(pages.filter((p) => p.includes('续下页'))).toHaveLength(pages.length - 3);
    const perPart = counts[1]!;
    // The driver's copy starts again at page 1: not "第 5 页 / 共 12 页".
    expect(pages[counts[0]!]).toContain(`第1页/共${perPart}页·随货联`);

    // On 241 mm multi-part forms: one set, numbered through, every form but the last saying 续下页.
    const forms = pdfPages(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'continuous-241', output: 'preview' })).pdfBase64)).map(squeeze);
    expect(forms.length).toBeGreaterThan(2);
    expect(forms.map((p) => /第(\d+)页\/共(\d+)页/.exec(p)?.slice(1).join('/'))).toEqual(forms.map((_, i) => `${i + 1}/${forms.length}`));
    expect(forms.map((p) => p.includes('续下页'))).toEqual(forms.map((_, i) => i < forms.length - 1));

    printed.length = 0;
    await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'A4', output: 'printer', printer: 'HP-LaserJet-M1136', silent: true });
    expect(printed).toHaveLength(1);
    expect(footers(pdfPages(printed[0]!.pdf).map(squeeze))).toEqual(expected);
  });

  it('本页小计 closes every page of a long slip with what the lines on that page add up to: three A4 parts and one 241 mm set', async () => {
    const { order } = await longOrder('ST', 40);
    // Line i ships 100 + 11·i pieces at ¥1.00; its lot is STL{i+1}.
    const qty = (lot: number) => 100 + (lot - 1) * 11;
    const check = (pdf: Buffer, priced: (page: string) => boolean) => {
      const pages = pdfPages(pdf);
      const subtotals = pages.map((raw, i) => {
        const lots = [...raw.matchAll(/\bSTL(\d+)\b/g)].map((m) => Number(m[1]));
        const page = squeeze(raw);
        const sub = /本页小计：(\d+)种，([\d,]+)件/.exec(page);
        expect(sub, `page ${i + 1}`).not.toBeNull();
        const pieces = lots.reduce((sum, lot) => sum + qty(lot), 0);
        expect([Number(sub![1]), Number(sub![2]!.replace(/,/g, ''))], `page ${i + 1}`).toEqual([lots.length, pieces]);
        if (priced(page)) expect(page, `page ${i + 1}`).toContain(`本页金额：¥${pieces.toLocaleString('en-US')}.00`);
        else expect(page, `page ${i + 1}`).not.toContain('本页金额');
        return pieces;
      });
      return { pages: pages.length, pieces: subtotals };
    };
    const all = Array.from({ length: 40 }, (_, i) => qty(i + 1)).reduce((a, b) => a + b, 0);

    const a4 = pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'A4', output: 'preview' })).pdfBase64);
    const texts = pdfPages(a4).map(squeeze);
    const partOf = (page: string) => /·(存根|随货|回执)联/.exec(page)?.[1];
    const a4Pages = check(a4, (page) => partOf(page) !== '回执');
    expect(a4Pages.pages).toBeGreaterThanOrEqual(6);
    // Each part's subtotals add up to its 合计, which comes once, on the part's last page.
    for (const part of ['存根', '随货', '回执']) {
      const mine = texts.map((p, i) => (partOf(p) === part ? i : -1)).filter((i) => i >= 0);
      expect(mine.reduce((sum, i) => sum + a4Pages.pieces[i]!, 0), part).toBe(all);
      expect(mine.map((i) => texts[i]!.includes(`合计：40种，${all.toLocaleString('en-US')}件`)), part).toEqual(mine.map((_, k) => k === mine.length - 1));
    }

    const forms = pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'continuous-241', output: 'preview' })).pdfBase64);
    const formPages = check(forms, () => true);
    expect(formPages.pages).toBeGreaterThan(3);
    expect(formPages.pieces.reduce((a, b) => a + b, 0)).toBe(all);
    // A short slip that fits one page needs no subtotal: its 合计 says it.
    const draft = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: s.mask.id, qty: 10 }], requestId: rid() });
    const short = await call(depot, s.approver, 'dispatch.approve', { id: draft.id, version: draft.version, requestId: rid() });
    const one = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: short.id, paper: 'A4', parts: ['goods'], output: 'preview' })).pdfBase64));
    expect(one).toContain('合计：1种，10件');
    expect(one).not.toContain('本页小计');

    // A measurement the print then disagrees with (lines read a third of their height): the plan
    // is dropped and the slip prints without subtotals rather than with wrong ones.
    const measure = deskPrinter.measureLines!;
    deskPrinter.measureLines = async (html, options) => {
      const layout = await measure(html, options);
      return layout && { ...layout, lineHeights: layout.lineHeights.map((h) => h / 3) };
    };
    try {
      const unplanned = pdfPages(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'A4', parts: ['goods'], output: 'preview' })).pdfBase64)).map(squeeze);
      expect(unplanned.length).toBeGreaterThanOrEqual(2);
      expect(unplanned.join('')).not.toContain('本页小计');
      for (let i = 1; i <= 40; i++) expect(unplanned.join('')).toContain(`STL${i}`);
    } finally {
      deskPrinter.measureLines = measure;
    }
  });

  it('a partly priced order: the screen and the slip both give the priced part’s amount with the unpriced pieces named, and the slip no 大写', async () => {
    const blanket = await call(depot, s.admin, 'items.create', { code: 'BN-900', name: '捐赠棉被', spec: '200×230cm', unit: '床', category: 'warming', lotTracked: false, requestId: rid() });
    const gift = await call(depot, s.keeper, 'receipts.saveDraft', { sourceType: 'donation', supplierId: s.donor.id, lines: [{ itemId: blanket.id, counted: 50, unitCost: null, locationId: s.a2.id }], requestId: rid() });
    await call(depot, s.keeper, 'receipts.post', { id: gift.id, version: gift.version, requestId: rid() });
    const order = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: s.suit.id, qty: 20 }, { itemId: blanket.id, qty: 30 }], requestId: rid() });
    const approved = await call(depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    // 20 suits at ¥85.00; 30 blankets donated without a price.
    expect(approved.totals).toMatchObject({ amount: 170_000, unpricedPieces: 30 });
    const text = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, parts: ['stub'], output: 'preview' })).pdfBase64));
    expect(text).toContain('金额合计：¥1,700.00（另有30件未计价，未计入金额）');
    expect(text).not.toContain('大写');
  });

  it('previews without entering the history, showing the mark the next print will carry', async () => {
    const order = await shippedOrder();
    await call(depot, s.dispatcher, 'print.slip', { order: order.id, output: 'pdf', path: join(dir, 'once.pdf') });
    const preview = await call(depot, s.dispatcher, 'print.slip', { order: order.id, output: 'preview', parts: ['goods'] });
    expect(preview).toMatchObject({ recorded: false, reprint: 1, pages: 1 });
    expect(textOf(pdfOf(preview.pdfBase64))).toContain('补打（第1次）');
    expect(await history('dispatch', order.id)).toHaveLength(1);
  });

  it('numbers two prints at the same moment 0 and 1, never both as the original', async () => {
    const order = await shippedOrder();
    const [a, b] = await Promise.all(
      [s.dispatcher, s.keeper].map((who) => call(depot, who, 'print.slip', { order: order.id, output: 'pdf', parts: ['stub'] })),
    );
    expect([a!.reprint, b!.reprint].sort()).toEqual([0, 1]);
    expect((await history('dispatch', order.id)).map((r) => r.reprint)).toEqual([0, 1]);
  });

  it('refuses an order that has not been approved, a reversal, or an unknown one, and writes nothing', async () => {
    const draft = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: s.mask.id, qty: 10 }], requestId: rid() });
    const path = join(dir, 'draft.pdf');
    const error = await refusal('print.slip', { order: draft.id, output: 'pdf', path });
    expect(error).toMatchObject({ code: 'bad_transition' });
    expect(error.message).toBe(`调拨单 ${draft.no} 当前状态为“草稿”，不能执行此操作`);
    expect(existsSync(path)).toBe(false);
    expect(await history('dispatch', draft.id)).toEqual([]);
    expect(await refusal('print.slip', { order: 'CK20990101-0001', output: 'preview' })).toMatchObject({ code: 'not_found' });
  });

  it('a reversed order prints marked 已红冲 with its reversal; the reversal prints as its own voucher, negative, with the reason', async () => {
    const original = await shippedOrder();
    const before = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: original.id, output: 'preview' })).pdfBase64));
    expect(before).not.toContain('已红冲');
    const reversal = await call(depot, s.approver, 'dispatch.reverse', { id: original.id, reason: '单位拒收', requestId: rid() });
    const day = reversal.createdAt.slice(0, 10);

    // The original can no longer pass for a clean slip: every part says it was reversed, by which voucher, when.
    const marked = pdfPages(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: original.id, output: 'preview' })).pdfBase64)).map(squeeze);
    for (const page of marked.filter((p) => p.includes('出库单'))) expect(page).toContain(squeeze(`已红冲 · ${reversal.no} · ${day}`));

    // The voucher: 出库红冲单, pointing at the original, every figure negative, 大写 with 负, and the reason.
    const voucher = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: reversal.id, output: 'preview' })).pdfBase64));
    expect(voucher).toContain(`出库红冲单`);
    expect(voucher).toContain(`红冲原单${original.no}`);
    expect(voucher).toContain('红冲原因：单位拒收');
    expect(voucher).toContain('-12,030');
    expect(voucher).toMatch(/大写：人民币负[^\d]+/);
    expect(voucher).toMatch(/¥-[\d,]+\.\d\d/);
  });

  it('prints a line’s note under its item, on every lot the line was picked from', async () => {
    const order = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: s.suit.id, qty: 20, note: '放车厢前部，防压' }], requestId: rid() });
    await call(depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const text = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, parts: ['goods'], output: 'preview' })).pdfBase64));
    expect(text).toContain('注：放车厢前部，防压');
  });

  it('a signed-for order’s reprint says who signed and when', async () => {
    const order = await shippedOrder();
    await call(depot, s.dispatcher, 'dispatch.deliver', { id: order.id, version: order.version, receiver: '高峰', deliveredAt: '2026-04-10T15:20:00+08:00', requestId: rid() });
    const text = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, output: 'preview' })).pdfBase64));
    // In the desk's local time (15:20 in Beijing).
    expect(text).toMatch(/已签收·高峰·2026-04-10\d\d:20/);
  });

  it('a signed-for order’s 回执 carries what the sign-off recorded: received, short and damaged per lot, the signer and the time', async () => {
    const order = await shippedOrder();
    const masks = order.lines[0]!;
    const lot = masks.picks.find((p) => p.lotNo === 'M2603')!;
    const suits = order.lines[1]!;
    await call(depot, s.approver, 'dispatch.deliver', {
      id: order.id,
      version: order.version,
      receiver: '高峰',
      deliveredAt: '2026-04-10T15:20:00+08:00',
      discrepancies: [
        { lineId: masks.id, lotId: lot.lotId, kind: 'short', qty: 30, reason: '少一盒' },
        { lineId: suits.id, lotId: suits.picks[0]!.lotId, kind: 'damaged', qty: 2, reason: '包装破损' },
      ],
      requestId: rid(),
    });
    const text = textOf(pdfOf((await call(depot, s.dispatcher, 'print.slip', { order: order.id, parts: ['receipt'], output: 'preview' })).pdfBase64));
    // Shipped, packs, then received / short / damaged.
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(text).toContain(`M26032028-03-10${fmt(lot.qty)}`);
    expect(text).toContain(`+30只${fmt(lot.qty - 30)}302医用一次性防护服`);
    expect(text).toContain('S26022028-02-01603箱582');
    expect(text).toContain('签收人：高峰');
    expect(text).toMatch(/签收日期\/时间：2026-04-10\d\d:20/);
    expect(text).toContain('受领单位（盖章）');
  });

  it('a 入库红冲单 prints its quantities, amount and 大写 negative; a pending line is marked 待检 and kept out of the accepted total', async () => {
    const d = await call(depot, s.keeper, 'receipts.saveDraft', {
      sourceType: 'purchase',
      supplierId: s.maker.id,
      lines: [
        { itemId: s.mask.id, lotNo: 'R-ACC', expiresOn: '2029-01-31', counted: 1000, unitCost: 250, locationId: s.a1.id },
        { itemId: s.suit.id, lotNo: 'R-PEN', expiresOn: '2029-01-31', counted: 40, unitCost: 3000, locationId: s.a1.id, inspection: 'pending' },
      ],
      requestId: rid(),
    });
    const posted = await call(depot, s.keeper, 'receipts.post', { id: d.id, version: d.version, requestId: rid() });
    const receipt = textOf(pdfOf((await call(depot, s.keeper, 'print.receipt', { receipt: posted.id, output: 'preview' })).pdfBase64));
    expect(receipt).toContain('1,000合格');
    expect(receipt).toContain('40待检');
    expect(receipt).toContain(squeeze('清点 1,040，合格 1,000，拒收 0，待检 40（未计入合格）'));

    const reversal = await call(depot, s.approver, 'receipts.reverse', { id: posted.id, reason: '供货方发错批次', requestId: rid() });
    const voucher = textOf(pdfOf((await call(depot, s.keeper, 'print.receipt', { receipt: reversal.id, output: 'preview' })).pdfBase64));
    expect(voucher).toContain('入库红冲单');
    expect(voucher).toContain(squeeze('清点 -1,040，合格 -1,000，拒收 0，待检 -40（未计入合格）'));
    expect(voucher).toContain('¥-3,700.00');
    expect(voucher).toContain('负叁仟柒佰元整');
  });
});

describe('print.pickList', () => {
  it('a 30-line order’s pick list reads in walking order: location, item, lot, quantity, packs, a box per row; not entered in the history', async () => {
    const { order, items, locations } = await longOrder('PK', 30);
    const answer = await call(depot, s.keeper, 'print.pickList', { orders: [order.no], paper: 'A4', output: 'preview' });
    expect(answer).toMatchObject({ recorded: false, reprint: 0, title: `拣货单 ${order.no}` });
    const pdf = pdfOf(answer.pdfBase64);
    const text = textOf(pdf);
    const rows = [...text.matchAll(/(PK-\d\d-\d\d)测试物资(\d+)号PK-\d{3}常规(PKL\d+)2029-06-30([\d,]+)件([\d箱盒件+]+?)(?=\d+PK-\d\d-\d\d|合计|拣货单)/g)].map((m) => m.slice(1, 6).join(' '));
    // Location k holds item 13·k mod 30 (the inverse of how longOrder placed them).
    const expected = [...locations]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((loc) => {
        const i = locations.indexOf(loc);
        const qty = 100 + i * 11;
        const packs = [`${Math.floor(qty / 100)}箱`, ...(Math.floor((qty % 100) / 10) ? [`${Math.floor((qty % 100) / 10)}盒`] : []), ...(qty % 10 ? [`${qty % 10}件`] : [])].join('+');
        return `${loc.code} ${i + 1} PKL${i + 1} ${qty.toLocaleString('en-US')} ${packs}`;
      });
    expect(rows).toEqual(expected);
    expect(items).toHaveLength(30);
    for (const word of ['拣货单', '库位', '物资名称', '生产批号', '数量', '包装件数', '拣货人', '复核人', '合计：30行，30个库位，30种']) expect(text).toContain(word);
    expect(decodeBarcodes(pdf)).toContain(`CODE-128:${order.no}`);
    expect(await history('dispatch', order.id)).toEqual([]);
  });

  it('a wave of two orders: one row per location and lot with each order’s share; a draft or shipped order is refused', async () => {
    const { order: first, items } = await longOrder('PW', 11);
    const created = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, priority: 'urgent', lines: [{ itemId: items[0]!.id, qty: 5 }], requestId: rid() });
    const second = await call(depot, s.approver, 'dispatch.approve', { id: created.id, version: created.version, requestId: rid() });
    const answer = await call(depot, s.keeper, 'print.pickList', { orders: [first.id, second.no], output: 'preview' });
    expect(answer.title).toBe('拣货单（2 张调拨单）');
    const text = textOf(pdfOf(answer.pdfBase64));
    expect(text).toContain(`PW-01-01测试物资1号`);
    expect(text).toContain(`105件`);
    expect(text).toContain(`${first.no}×100${second.no}×5`);
    expect(text).toContain(`加急：${second.no}`);
    expect(text).toContain('合计：11行，11个库位，11种');

    const draft = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: items[1]!.id, qty: 5 }], requestId: rid() });
    expect((await refusal('print.pickList', { orders: [first.id, draft.id], output: 'preview' }, s.keeper)).code).toBe('bad_transition');
    const shipped = await shippedOrder();
    expect((await refusal('print.pickList', { orders: [shipped.no], output: 'preview' }, s.keeper)).code).toBe('bad_transition');
    expect((await refusal('print.pickList', { orders: [first.id, first.id], output: 'preview' }, s.keeper)).message).toContain('调拨单有重复');
  });
});

describe('printing on the desk printer with the saved settings', () => {
  it('an administrator saves paper, parts, printer, silent and copies; the slip goes to that printer and the history names it', async () => {
    const defaults = await call(depot, s.keeper, 'print.settings.get', {});
    expect(defaults.slip).toEqual({ paper: 'A4', margins: null, printer: null, silent: false, copies: 1, parts: ['stub', 'goods', 'receipt'] });
    const slip: SlipPrintSettings = { paper: 'A5', margins: null, printer: 'HP-LaserJet-M1136', silent: true, copies: 2, parts: ['goods', 'receipt'] };
    expect(await refusal('print.settings.set', { slip, requestId: rid() })).toMatchObject({ code: 'forbidden' });
    const saved = await call(depot, s.admin, 'print.settings.set', { slip, requestId: rid() });
    expect(saved.slip).toEqual(slip);
    expect(saved.receipt).toEqual(defaults.receipt);
    expect(await call(depot, s.dispatcher, 'print.printers', {})).toEqual([
      { name: 'HP-LaserJet-M1136', isDefault: true },
      { name: 'TSC-TTP-244', isDefault: false },
    ]);

    const order = await shippedOrder();
    printed.length = 0;
    const answer = await call(depot, s.dispatcher, 'print.slip', { order: order.id, output: 'printer' });
    expect(answer).toMatchObject({ pdfBase64: null, pages: null, reprint: 0, recorded: true });
    expect(printed.map((p) => p.job)).toEqual([{ printer: 'HP-LaserJet-M1136', silent: true, copies: 2 }]);
    const pdf = printed[0]!.pdf;
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - pt(210))).toBeLessThan(2);
    expect(Math.abs(info.height - pt(148))).toBeLessThan(2);
    const text = textOf(pdf);
    expect(text).toContain('第二联随货');
    expect(text).toContain('第三联回执');
    expect(text).not.toContain('存根');
    expect(await history('dispatch', order.id)).toMatchObject([{ output: 'printer', printer: 'HP-LaserJet-M1136', paper: 'A5', copies: 4 }]);

    // The printer is off: the operator reads why, and the print is not counted.
    offline = true;
    try {
      const error = await refusal('print.slip', { order: order.id, output: 'printer' });
      expect(error.message).toContain('打印机“HP-LaserJet-M1136”打印失败：打印机脱机');
      expect(error).toMatchObject({ code: 'print_failed', field: 'printer' });
    } finally {
      offline = false;
    }
    expect(await history('dispatch', order.id)).toHaveLength(1);
    await call(depot, s.admin, 'print.settings.set', { slip: defaults.slip, requestId: rid() });
  });

  it('moves the page content by the margins asked for', async () => {
    const order = await shippedOrder();
    const leftmost = async (margins?: { top: number; right: number; bottom: number; left: number }) => {
      const answer = await call(depot, s.dispatcher, 'print.slip', { order: order.id, paper: 'A5', parts: ['stub'], output: 'preview', ...(margins ? { margins } : {}) });
      // The copy label at the top left (the page-number footer keeps to the paper's own margins).
      return pdfWords(pdfOf(answer.pdfBase64)).find((w) => w.page === 1 && w.text.startsWith('第一联'))!.xMin;
    };
    const plain = await leftmost();
    const wide = await leftmost({ top: 7, right: 10, bottom: 10, left: 30 });
    // A5's own left margin is 10 mm.
    expect(wide - plain).toBeCloseTo(pt(20), -0.5);
  });

  it('a desk without OS printing (the CLI) refuses output printer before it does anything', async () => {
    const cli = openDepot({ dbPath: join(dir, 'depot.db') });
    try {
      const order = await shippedOrder();
      const answer = await cli.invoke('print.slip', { order: order.id, output: 'printer' }, cli.systemSession());
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'output' } });
      expect(await history('dispatch', order.id)).toEqual([]);
      expect(await cli.invoke('print.printers', {}, cli.systemSession())).toEqual({ ok: true, data: [] });
    } finally {
      await cli.close();
    }
  });
});

describe('print.receipt', () => {
  it('prints the posted receipt, marks the second print 补打; a draft prints marked 草稿 and is not counted', async () => {
    const first = await call(depot, s.keeper, 'print.receipt', { receipt: s.posted.no!, output: 'pdf' });
    expect(first).toMatchObject({ reprint: 0, recorded: true, title: `入库单 ${s.posted.no}` });
    const text = textOf(pdfOf(first.pdfBase64));
    for (const word of ['入库单', s.posted.no!, '华康医疗用品有限公司', 'M2601', 'M2603', 'S2602', '医用防护口罩', '200,000']) expect(text).toContain(word);
    expect(decodeBarcodes(pdfOf(first.pdfBase64))).toContain(`CODE-128:${s.posted.no}`);
    const second = await call(depot, s.keeper, 'print.receipt', { receipt: s.posted.id, output: 'pdf' });
    expect(textOf(pdfOf(second.pdfBase64))).toContain('补打（第1次）');
    expect((await history('receipt', s.posted.id)).map((r) => r.reprint)).toEqual([0, 1]);

    const draft = await call(depot, s.keeper, 'receipts.saveDraft', {
      sourceType: 'donation', supplierId: s.donor.id, lines: [{ itemId: s.suit.id, lotNo: 'D1', expiresOn: '2028-01-01', counted: 40, locationId: s.a1.id }], requestId: rid(),
    });
    const printedDraft = await call(depot, s.keeper, 'print.receipt', { receipt: draft.id, output: 'pdf' });
    expect(printedDraft).toMatchObject({ recorded: false, reprint: 0 });
    expect(textOf(pdfOf(printedDraft.pdfBase64))).toContain('草稿');
    expect(await history('receipt', draft.id)).toEqual([]);
  });
});

describe('print.labels', () => {
  const lotOf = async (lotNo: string) => (await call(depot, s.keeper, 'lots.find', { lotNo }))[0]!;

  it('a lot label on 100×70 mm: item, lot, expiry, stock on hand; the Code 128 scans to the lot number, the QR to item and lot', async () => {
    const lot = await lotOf('S2602');
    const answer = await call(depot, s.keeper, 'print.labels', { lot: lot.id, output: 'pdf' });
    expect(answer).toMatchObject({ labels: 1, pages: 1, recorded: true, title: '批次标签 S2602' });
    const pdf = pdfOf(answer.pdfBase64);
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - pt(100))).toBeLessThan(2);
    expect(Math.abs(info.height - pt(70))).toBeLessThan(2);
    const text = textOf(pdf);
    for (const word of ['医用一次性防护服', '连体式L', 'S2602', '2028-02-01', `${lot.onHand.toLocaleString('en-US')}套`, '市本级应急物资储备库']) expect(text).toContain(word);
    const codes = decodeBarcodes(pdf, { dpi: 600 });
    expect(codes).toContain('CODE-128:S2602');
    expect(codes).toContain('QR-Code:LOT:FH-010:S2602');
  });

  it('carton labels for every carton on hand, the last with the rest; pallet labels of N cartons on 60×40 mm', async () => {
    // 15,970 masks, 1,000 a carton: 15 full cartons and one of 970.
    const lot = await lotOf('M2609');
    const answer = await call(depot, s.keeper, 'print.labels', { lot: 'M2609', labelKind: 'carton', output: 'preview' });
    expect(answer).toMatchObject({ labels: 16, pages: 16, recorded: false });
    const pages = pdfPages(pdfOf(answer.pdfBase64)).map(squeeze);
    expect(pages).toHaveLength(16);
    expect(pages[0]).toContain('箱标');
    expect(pages[0]).toContain('1,000只');
    expect(pages[14]).toContain('1,000只');
    expect(pages[15]).toContain('970只');
    // Each carton numbered of the lot's cartons, so a missing one is seen on the pallet.
    expect(pages.map((p) => /第(\d+)\/(\d+)箱/.exec(p)?.slice(1).join('/'))).toEqual(Array.from({ length: 16 }, (_, i) => `${i + 1}/16`));

    const pallets = await call(depot, s.keeper, 'print.labels', { lot: 'M2609', labelKind: 'pallet', cartonsPerPallet: 10, size: '60x40', output: 'pdf' });
    expect(pallets).toMatchObject({ labels: 2, pages: 2, title: '托盘标 M2609' });
    const pdf = pdfOf(pallets.pdfBase64);
    const info = pdfInfo(pdf);
    expect(Math.abs(info.width - pt(60))).toBeLessThan(2);
    expect(Math.abs(info.height - pt(40))).toBeLessThan(2);
    expect(pdfPages(pdf).map(squeeze).map((p) => /([\d,]+)只/.exec(p)?.[1])).toEqual(['10,000', '5,970']);
    expect(pdfPages(pdf).map(squeeze).map((p) => /第(\d+)\/(\d+)托/.exec(p)?.slice(1).join('/'))).toEqual(['1/2', '2/2']);
    expect(decodeBarcodes(pdf, { dpi: 600 })).toContain('CODE-128:M2609');
    expect(await history('lot', lot.id)).toMatchObject([{ kind: 'pallet', paper: '60x40', copies: 2, output: 'pdf' }]);

    expect((await refusal('print.labels', { lot: 'M2609', labelKind: 'pallet', output: 'preview' }, s.keeper)).message).toBe('输入有误：每托箱数不能为空');
    const bed = (await call(depot, s.keeper, 'lots.find', { itemId: s.bed.id }))[0]!;
    expect((await refusal('print.labels', { lot: bed.id, labelKind: 'carton', output: 'preview' }, s.keeper)).message).toBe('输入有误：折叠床 没有设置包装，不能打印箱标或托盘标');
  });

  it('prints no lot label saying 数量 0: a lot with nothing on hand is refused in words, and nothing is counted', async () => {
    // 20 suits received and all shipped (first to expire, so FEFO takes them first).
    const draft = await call(depot, s.keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: s.maker.id, lines: [{ itemId: s.suit.id, lotNo: 'S-EMPTY', expiresOn: '2026-06-30', counted: 20, locationId: s.a1.id }], requestId: rid(),
    });
    await call(depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const order = await call(depot, s.dispatcher, 'dispatch.create', { unitId: s.unit.id, lines: [{ itemId: s.suit.id, qty: 20 }], requestId: rid() });
    const approved = await call(depot, s.approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    await call(depot, s.dispatcher, 'dispatch.ship', { id: order.id, version: approved.version, requestId: rid() });
    const lot = (await call(depot, s.keeper, 'lots.find', { lotNo: 'S-EMPTY' }))[0]!;
    const before = (await history('lot', lot.id)).length;
    for (const input of [{}, { count: 2 }]) {
      const error = await refusal('print.labels', { lot: lot.id, labelKind: 'lot', output: 'pdf', ...input }, s.keeper);
      expect(error).toMatchObject({ code: 'invalid_input' });
      expect(error.message).toBe('输入有误：批次 S-EMPTY 已无库存，不打印批次标签（标签上的数量会是 0）');
    }
    expect(await history('lot', lot.id)).toHaveLength(before);
  });

  it('asks for the item when two items have a lot of that number', async () => {
    const draft = await call(depot, s.keeper, 'receipts.saveDraft', {
      sourceType: 'purchase', supplierId: s.maker.id, lines: [{ itemId: s.suit.id, lotNo: 'M2601', expiresOn: '2028-01-01', counted: 20, locationId: s.a1.id }], requestId: rid(),
    });
    await call(depot, s.keeper, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() });
    const error = await refusal('print.labels', { lot: 'M2601', output: 'preview' }, s.keeper);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'itemCode' });
    expect(error.message).toContain('FH-001 医用防护口罩');
    expect(error.message).toContain('FH-010 医用一次性防护服');
    const answer = await call(depot, s.keeper, 'print.labels', { lot: 'M2601', itemCode: 'FH-010', output: 'preview' });
    expect(textOf(pdfOf(answer.pdfBase64))).toContain('20套');
  });

  it('sends raw TSPL or ZPL to a network label printer, and says so clearly when none answers', async () => {
    const received: Buffer[] = [];
    const server: Server = createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('end', () => {
        received.push(Buffer.concat(chunks));
        socket.end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    try {
      const lot = await lotOf('S2602');
      // Raw bytes go only to the printer an administrator saved: none yet, and then no other host.
      expect((await refusal('print.labels', { lot: lot.id, output: 'raw', host: '127.0.0.1', port }, s.keeper)).message).toBe(
        '输入有误：尚未设置标签打印机：请管理员在“设置”中填写标签打印机的地址',
      );
      await call(depot, s.admin, 'print.settings.set', {
        label: { size: '100x70', printer: null, silent: false, copies: 1, raw: { host: '127.0.0.1', port, language: 'tspl', dpi: 203 } },
        requestId: rid(),
      });
      expect((await refusal('print.labels', { lot: lot.id, output: 'raw', host: '10.0.0.99', port: 9100 }, s.keeper)).message).toBe(
        `输入有误：标签只能发送到设置中的标签打印机（127.0.0.1:${port}），不能发送到 10.0.0.99:9100`,
      );
      expect(received).toEqual([]);
      const tspl = await call(depot, s.keeper, 'print.labels', { lot: lot.id, labelKind: 'carton', count: 2, output: 'raw', host: '127.0.0.1', port });
      expect(tspl).toMatchObject({ labels: 2, recorded: true, pdfBase64: null });
      // The printer's own Chinese font (TSS24.BF2), the text in GB18030.
      const job = new TextDecoder('gb18030').decode(received.at(-1)!);
      expect(job).toContain('"TSS24.BF2"');
      expect(tspl.bytes).toBe(received.at(-1)!.length);
      expect(job).toContain('SIZE 100 mm,70 mm');
      expect(job.match(/^PRINT 1,1\r$/gm)).toHaveLength(2);
      expect(job).toContain('"S2602"');
      expect(job).toContain('医用一次性防护服');

      // The label printer saved in the settings: ZPL at 300 dpi, 3 copies of each label, the CJK font it was given.
      await call(depot, s.admin, 'print.settings.set', {
        label: { size: '60x40', printer: null, silent: false, copies: 3, raw: { host: '127.0.0.1', port, language: 'zpl', dpi: 300, font: 'MSYH.TTF' } },
        requestId: rid(),
      });
      await call(depot, s.keeper, 'print.labels', { lot: lot.id, output: 'raw' });
      const zpl = received.at(-1)!.toString('utf8');
      expect(zpl).toMatch(/^\^XA/);
      expect(zpl).toContain(',E:MSYH.TTF^FB');
      expect(zpl).not.toContain('SIMSUN');
      expect(zpl).toContain(`^PW${Math.round((60 * 300) / 25.4)}`);
      expect(zpl).toContain('^PQ3');
      expect(await history('lot', lot.id)).toMatchObject([
        { kind: 'lot', output: 'pdf' },
        { kind: 'carton', output: 'raw', printer: `127.0.0.1:${port}`, copies: 2 },
        { kind: 'lot', output: 'raw', paper: '60x40', copies: 3 },
      ]);
    } finally {
      await new Promise((done) => server.close(done));
    }
    // Nobody listens there now: refused at once, in words, and not counted.
    const lot = await lotOf('S2602');
    const error = await refusal('print.labels', { lot: lot.id, output: 'raw', host: '127.0.0.1', port }, s.keeper);
    expect(error).toMatchObject({ code: 'print_failed', field: 'host' });
    expect(error.message).toContain(`标签打印机 127.0.0.1:${port} 拒绝连接`);
    expect(await history('lot', lot.id)).toHaveLength(3);
  });
});

describe('bad input', () => {
  it('is refused with a translated message naming the field, and nothing is written or counted', async () => {
    const order = await shippedOrder();
    const before = readdirSync(dir).sort();
    const cases: [Input<'print.slip'>, string, string][] = [
      [{ order: order.id, output: 'pdf', path: 'slip.pdf' }, 'path', '输入有误：文件路径须是以 .pdf 结尾的完整路径（如 D:\\单据\\出库单.pdf）'],
      [{ order: order.id, output: 'pdf', path: join(dir, 'slip.txt') }, 'path', '输入有误：文件路径须是以 .pdf 结尾的完整路径（如 D:\\单据\\出库单.pdf）'],
      [{ order: order.id, output: 'pdf', path: join(dir, 'no-such-folder', 'slip.pdf') }, 'path', `输入有误：文件夹不存在：${join(dir, 'no-such-folder')}`],
      [{ order: order.id, output: 'preview', path: join(dir, 'slip.pdf') }, 'path', '输入有误：文件路径只在输出 PDF 时填写'],
      [{ order: 0, output: 'pdf' }, 'order', '输入有误：调拨单太小或太短'],
      [{ order: order.id, output: 'fax' as 'pdf' }, 'output', '输入有误：输出方式不是可选的值'],
      [{ order: order.id, paper: 'B5' as 'A4', output: 'pdf' }, 'paper', '输入有误：纸张不是可选的值'],
      [{ order: order.id, parts: ['stub', 'stub'], output: 'pdf' }, 'parts', '输入有误：联次有重复'],
      [{ order: order.id, copies: 0, output: 'printer' }, 'copies', '输入有误：份数太小或太短'],
    ];
    for (const [input, field, message] of cases) {
      const error = await refusal('print.slip', input);
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'invalid_input', field, message });
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(await history('dispatch', order.id)).toEqual([]);

    const english = depot.createSession('en');
    await call(depot, english, 'auth.signIn', { code: 'ddy01', password: 'ddy01-pass-1' });
    expect((await refusal('print.slip', { order: order.id, output: 'pdf', path: 'slip.pdf' }, english)).message).toBe(
      'Invalid input: File path must be a full path ending in .pdf (e.g. D:\\slips\\order.pdf)',
    );
    expect(await refusal('print.settings.get', {}, depot.createSession())).toMatchObject({ code: 'not_signed_in' });
  });
});
