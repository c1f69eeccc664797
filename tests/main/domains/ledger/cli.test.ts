import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../support/depot.ts';
import { readWorkbook } from '../../excel/read-back.ts';
import { snapshot, threeDays, type Scenario } from './scenario.ts';

const DEPOT = fileURLToPath(new URL('../../../../main/cli/depot.ts', import.meta.url));

let s: Scenario;
beforeAll(async () => {
  s = await threeDays();
});
afterAll(() => s?.env.cleanup());

/** The real `depot` command in a child process, in the depot's time zone. */
function depot(...args: string[]) {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', DEPOT, ...args], { cwd: s.env.dir, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('depot export / briefing / import', () => {
  it('writes the briefing as of a moment, in Chinese or English', async () => {
    const zh = depot('briefing', '--db', s.env.dbPath, '--at', '2026-04-10T18:00');
    expect(zh).toMatchObject({ code: 0, stderr: '' });
    const expected = await call(s.depot, s.keeper, 'stats.briefing', { at: '2026-04-10T18:00:00+08:00' });
    expect(zh.stdout.trim()).toBe(expected.zh);
    const en = depot('briefing', '--db', s.env.dbPath, '--at', '2026-04-10 18:00', '--lang', 'en');
    expect(en.stdout.trim()).toBe(expected.en);
    const bad = depot('briefing', '--db', s.env.dbPath, '--at', '昨天');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('时刻“昨天”应为 YYYY-MM-DDTHH:MM');
  });

  it('exports the ledger of a period and the stock card of an item, and refuses to overwrite without --force', async () => {
    const r = depot('export', 'ledger', '--db', s.env.dbPath, '--from', '2026-04-08', '--to', '2026-04-10', '--out', '台账.xlsx');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^已导出 .*台账\.xlsx：明细 \d+ 行，物资 3 种/);
    const wb = await readWorkbook(join(s.env.dir, '台账.xlsx'));
    expect([...wb.keys()]).toEqual(['汇总', '明细', '按受领单位', '按来源']);
    const again = depot('export', 'ledger', '--db', s.env.dbPath, '--from', '2026-04-08', '--to', '2026-04-10', '--out', '台账.xlsx');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('目标文件已存在');

    const card = depot('export', 'card', '--db', s.env.dbPath, '--item', 'FH-001', '--lot', 'M1', '--out', 'card.xlsx');
    expect(card).toMatchObject({ code: 0, stderr: '' });
    expect((await readWorkbook(join(s.env.dir, 'card.xlsx'))).get('明细账')![2]![0]).toContain('批号 M1');
    expect(depot('export', 'card', '--db', s.env.dbPath, '--item', 'NOPE', '--out', 'x.xlsx')).toMatchObject({ code: 1, stderr: expect.stringContaining('找不到物资编码“NOPE”') });
    expect(depot('export', 'ledger', '--db', s.env.dbPath, '--from', '4月8日', '--to', '2026-04-10', '--out', 'y.xlsx').code).toBe(2);
    expect(depot('export', 'everything', '--db', s.env.dbPath, '--out', 'y.xlsx').code).toBe(2);
    expect(existsSync(join(s.env.dir, 'x.xlsx')) || existsSync(join(s.env.dir, 'y.xlsx'))).toBe(false);
  });

  it('imports a file all or nothing, listing the rows in error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('受领单位');
    ws.addRow(['单位编码', '单位名称', '单位类型', '职工数']);
    ws.addRow(['GL-01', '如意酒店隔离点', '隔离酒店', 40]);
    ws.addRow(['GL-02', '', '隔离酒店', 'abc']);
    const bad = join(s.env.dir, 'units-bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const before = snapshot(s.depot);
    const refused = depot('import', 'units', bad, '--db', s.env.dbPath);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('已读取');
    expect(refused.stdout).toContain('第 3 行 名称：名称不能为空');
    expect(refused.stdout).toContain('第 3 行 职工数：“abc”不是有效的数字');
    expect(refused.stderr).toContain('有 1 行数据有误，未导入任何数据');
    expect(snapshot(s.depot)).toEqual(before);

    ws.getRow(3).getCell(2).value = '和林宾馆隔离点';
    ws.getRow(3).getCell(4).value = 25;
    const good = join(s.env.dir, 'units.xlsx');
    await wb.xlsx.writeFile(good);
    const done = depot('import', 'units', good, '--db', s.env.dbPath);
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain('已导入受领单位 2 行');
    const units = await call(s.depot, s.admin, 'units.list', {});
    expect(units.filter((u) => u.code.startsWith('GL-')).map((u) => [u.name, u.type, u.staffCount])).toEqual([
      ['如意酒店隔离点', 'quarantine_hotel', 40],
      ['和林宾馆隔离点', 'quarantine_hotel', 25],
    ]);
    expect(depot('import', 'demand-lists', good, '--db', s.env.dbPath).code).toBe(2);
  });

  it('lists the new commands in depot help', () => {
    const help = depot('help');
    expect(help.stdout).toMatch(/import items\|suppliers\|units\|stock FILE\.xlsx --db FILE\s+从 Excel 导入/);
    expect(help.stdout).toContain('export ledger|card');
    expect(help.stdout).toContain('briefing --db FILE [--at TIME]');
  });
});
