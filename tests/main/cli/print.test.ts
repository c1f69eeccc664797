import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../main/cli/run.ts';
import { openDepot } from '../../../main/core/depot.ts';
import { adminSession, call, rid, sessionWithRole } from '../../support/depot.ts';
import { smallDepot } from '../../support/fixtures.ts';
import { cleanupTemp, decodeBarcodes, pdfInfo, pdfPages, squeeze } from '../documents/pdf-tools.ts';

let dir: string;
let db: string;
let orderNo: string;
let receiptNo: string;
let pickNo: string;

/** `depot …` in this process: the exit code and what it wrote to stdout and stderr. */
async function depot(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const text = (file: string) => squeeze(pdfPages(readFileSync(file)).join(''));
const prints = () => {
  const d = openDepot({ dbPath: db });
  try {
    return d.store.all<{ doc_type: string; output: string; operator: string }>(
      'SELECT p.doc_type, p.output, o.name AS operator FROM print_log p JOIN operators o ON o.id = p.operator_id ORDER BY p.id',
    );
  } finally {
    void d.close();
  }
};

/** A depot file with a shipped order, as the desk would leave it; the CLI then prints from the file. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depot-cli-print-'));
  db = join(dir, 'depot.db');
  const d = openDepot({ dbPath: db, clock: () => new Date('2026-04-10T10:00:00+08:00') });
  try {
    const admin = await adminSession(d);
    const data = await smallDepot(d, admin);
    const unit = await call(d, admin, 'units.create', { code: 'FC-01', name: '会展中心方舱医院', type: 'makeshift_hospital', address: '会展中心1号馆', requestId: rid() });
    const draft = await call(d, admin, 'receipts.saveDraft', {
      sourceType: 'purchase',
      supplierId: data.maker.id,
      lines: [
        { itemId: data.mask.id, lotNo: 'KN2603', expiresOn: '2028-03-10', counted: '30箱', unitCost: 350, locationId: data.a1.id },
        { itemId: data.suit.id, lotNo: 'FY2602', expiresOn: '2028-02-01', counted: 200, locationId: data.a1.id },
      ],
      requestId: rid(),
    });
    receiptNo = (await call(d, admin, 'receipts.post', { id: draft.id, version: draft.version, requestId: rid() })).no!;
    const order = await call(d, admin, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: data.mask.id, qty: '12箱 30只' }, { itemId: data.suit.id, qty: 45 }], requestId: rid() });
    // No one approves their own order: a second operator approves the admin's.
    const approver = await sessionWithRole(d, admin, 'approver', 'sh01');
    const approved = await call(d, approver, 'dispatch.approve', { id: order.id, version: order.version, requestId: rid() });
    const picked = await call(d, admin, 'dispatch.pick', { id: order.id, version: approved.version, requestId: rid() });
    orderNo = (await call(d, admin, 'dispatch.ship', { id: order.id, version: picked.version, requestId: rid() })).no;
    // A second order, approved and waiting on the shelves: its pick list.
    const next = await call(d, admin, 'dispatch.create', { unitId: unit.id, lines: [{ itemId: data.mask.id, qty: '2箱' }, { itemId: data.suit.id, qty: 20 }], requestId: rid() });
    pickNo = (await call(d, approver, 'dispatch.approve', { id: next.id, version: next.version, requestId: rid() })).no;
  } finally {
    await d.close();
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  cleanupTemp();
});

describe('depot print', () => {
  it('slip: writes the PDF and says so; printed again it is a reprint, 补打 on the paper', async () => {
    const file = join(dir, 'slip.pdf');
    const first = await depot('print', 'slip', orderNo, '--db', db, '--pdf', file);
    expect(first).toEqual({ code: 0, stdout: `已生成 ${file}：出库单 ${orderNo}，共 3 页`, stderr: '' });
    const page = text(file);
    for (const word of [orderNo, '会展中心方舱医院', '会展中心1号馆', '医用防护口罩', 'KN2603', '12,030', '12箱+30只', '医用一次性防护服', 'FY2602', '2箱+5套', '第一联存根', '第三联回执']) {
      expect(page, word).toContain(word);
    }
    expect(page).not.toContain('补打');
    expect(decodeBarcodes(readFileSync(file))).toContain(`CODE-128:${orderNo}`);

    const again = join(dir, 'slip-241.pdf');
    const second = await depot('print', 'slip', orderNo, '--paper', 'continuous-241', '--db', db, '--pdf', again);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('本次为补打（第 1 次）');
    expect(text(again)).toContain('补打（第1次）');
    expect(Math.round(pdfInfo(readFileSync(again)).width / (72 / 25.4))).toBe(241);
    expect(prints()).toEqual([
      { doc_type: 'dispatch', output: 'pdf', operator: '系统' },
      { doc_type: 'dispatch', output: 'pdf', operator: '系统' },
    ]);
  });

  it('labels and receipt: carton labels of a lot on 60×40 mm, the inbound receipt on A4', async () => {
    const labels = join(dir, 'labels.pdf');
    const r = await depot('print', 'labels', '--lot', 'KN2603', '--item', 'FH-001', '--kind', 'carton', '--count', '2', '--size', '60x40', '--db', db, '--pdf', labels);
    expect(r).toEqual({ code: 0, stdout: `已生成 ${labels}：箱标 KN2603，2 张标签`, stderr: '' });
    const pdf = readFileSync(labels);
    expect(pdfInfo(pdf).pages).toBe(2);
    expect(Math.round(pdfInfo(pdf).width / (72 / 25.4))).toBe(60);
    expect(text(labels)).toContain('1,000只');
    expect(decodeBarcodes(pdf, { dpi: 600 })).toContain('CODE-128:KN2603');

    const receipt = join(dir, 'receipt.pdf');
    const rr = await depot('print', 'receipt', receiptNo, '--db', db, '--pdf', receipt);
    expect(rr.code).toBe(0);
    expect(rr.stdout).toBe(`已生成 ${receipt}：入库单 ${receiptNo}，共 1 页`);
    for (const word of ['入库单', receiptNo, '华康医疗用品有限公司', 'KN2603', '30,000']) expect(text(receipt)).toContain(word);
  });

  it('picklist: the pick list of an approved order, in walking order, not entered in the print history', async () => {
    const file = join(dir, 'pick.pdf');
    const before = prints().length;
    const r = await depot('print', 'picklist', pickNo, '--db', db, '--pdf', file);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^已生成 .*pick\.pdf：拣货单/);
    for (const word of ['拣货单', pickNo, 'KN2603', 'FY2602', 'A-01-01']) expect(text(file)).toContain(word);
    expect(prints()).toHaveLength(before);
  });

  it('refuses bad input with a translated message and writes nothing', async () => {
    const before = readdirSync(dir).sort();
    const printsBefore = prints().length;
    const cases: [string[], number, string][] = [
      [['print', 'slip', orderNo, '--db', db, '--pdf', join(dir, 'slip.txt')], 1, '错误：输入有误：文件路径须是以 .pdf 结尾的完整路径（如 D:\\单据\\出库单.pdf）'],
      [['print', 'slip', 'CK20990101-0009', '--db', db, '--pdf', join(dir, 'x.pdf')], 1, '错误：未找到出库单“CK20990101-0009”'],
      [['print', 'slip', orderNo, '--paper', 'B5', '--db', db, '--pdf', join(dir, 'x.pdf')], 1, '错误：输入有误：纸张不是可选的值'],
      [['print', 'slip', orderNo, '--db', db, '--pdf', join(dir, 'missing', 'x.pdf')], 1, `错误：输入有误：文件夹不存在：${join(dir, 'missing')}`],
      [['print', 'labels', '--lot', 'NOPE', '--db', db, '--pdf', join(dir, 'x.pdf')], 1, '错误：未找到生产批号“NOPE”'],
      [['print', 'labels', '--lot', 'KN2603', '--kind', 'pallet', '--db', db, '--pdf', join(dir, 'x.pdf')], 1, '错误：输入有误：每托箱数不能为空'],
      [['print', 'slip', orderNo, '--lot', 'KN2603', '--db', db, '--pdf', join(dir, 'x.pdf')], 2, '错误：选项 --lot 不适用于 print slip'],
      [['print', 'fax', '--db', db, '--pdf', join(dir, 'x.pdf')], 2, '错误：请指明要打印的单据：slip（出库单）、picklist（拣货单）、receipt（入库单）或 labels（标签）'],
      [['print', 'slip', orderNo, pickNo, '--db', db, '--pdf', join(dir, 'x.pdf')], 2, `错误：多余的参数“${pickNo}”`],
      [['print', 'slip', orderNo, '--db', db], 2, '错误：缺少选项 --pdf'],
      [['print', 'labels', '--lot', 'KN2603', '--count', 'many', '--db', db, '--pdf', join(dir, 'x.pdf')], 2, '错误：选项 --count 须为正整数'],
      [['--lang', 'en', 'print', 'slip', orderNo, '--db', db, '--pdf', join(dir, 'slip.txt')], 1, 'Error: Invalid input: File path must be a full path ending in .pdf (e.g. D:\\slips\\order.pdf)'],
    ];
    for (const [args, code, message] of cases) {
      const r = await depot(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.split('\n')[0], args.join(' ')).toBe(message);
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    expect(prints()).toHaveLength(printsBefore);
  });
});
