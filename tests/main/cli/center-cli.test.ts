import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { newDatabase, pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { staffedDepot } from '../../support/fixtures.ts';
import { openCenterStore } from '../../../main/center/store.ts';
import { registerDepot } from '../../../main/center/depots.ts';
import { depotKey } from '../../../main/center/depot-key.ts';

const DEPOT = fileURLToPath(new URL('../../../main/cli/depot.ts', import.meta.url));
const why = pgUnavailable();
let cluster: TempPg;
let env: Awaited<ReturnType<typeof staffedDepot>>;
let centerProcess: ChildProcess | undefined;

beforeAll(async () => {
  if (why) return;
  cluster = await startPg();
  env = await staffedDepot();
  await env.receive(env.f.mask.id, 1000, 120);
  await env.ship(env.f.mask.id, 250);
  env.depot.close();
});
afterAll(() => {
  if (centerProcess?.pid) centerProcess.kill('SIGKILL');
  cluster?.stop();
  env?.env.cleanup();
});

/** The real CLI in a child process, as IT runs it. */
function depot(...args: string[]) {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', DEPOT, ...args], { cwd: env.env.dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `depot center` and waits (bounded) for the line with its address. */
function startCenter(url: string): Promise<string> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', DEPOT, 'center', '--pg', url, '--port', '0'], { cwd: env.env.dir });
  centerProcess = child;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`depot center did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`depot center exited: ${out}`)));
  });
}

async function centerRows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(why)(`depot center, center-register, center-key, push and center-import${why ? ` (skipped: ${why})` : ''}`, () => {
  it('lets IT register a depot, push its ledger and carry a file, and says in Chinese when the center or PostgreSQL cannot be reached', async () => {
    const url = await newDatabase(cluster.url);
    const key = depot('center-key', '--db', 'depot.db');
    expect(key.code).toBe(0);
    expect(key.stdout).toContain('已生成本库的签名密钥');
    // As the README says: the whole output into a file (the line before the key is skipped when it is read).
    writeFileSync(join(env.env.dir, 'depot.pub'), key.stdout);

    const registered = depot('center-register', '--pg', url, '--depot', 'SBJ', '--name', '市本级储备库', '--key', 'depot.pub');
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout.trim()).toBe('已登记仓库“市本级储备库”（SBJ）');

    const centerUrl = await startCenter(url);
    const pushed = depot('push', '--db', 'depot.db', '--depot', 'SBJ', '--center', centerUrl);
    expect(pushed.stderr).toBe('');
    expect(pushed.stdout).toMatch(/^已向指挥中心同步 \d+ 条/);
    const rows = await centerRows(url, `SELECT depot_row_id, qty FROM movements WHERE depot_code = 'SBJ' ORDER BY depot_row_id`);
    expect(rows.map((r) => Number(r.qty))).toEqual([1000, -250]);

    // The center's catalogue from the city reserve's own file; the next push brings it back as the center's.
    const catalogue = depot('center-catalogue', '--pg', url, '--from', 'depot.db');
    expect(catalogue.stdout.trim()).toBe('指挥中心目录：物资 3 种、受领单位 1 个、物资子类和单位子类型 0 个、通报条目 0 条，其中 4 条有变更（已编新版本）');
    const again = depot('push', '--db', 'depot.db', '--depot', 'SBJ', '--center', centerUrl);
    expect(again.stdout).toContain('已从指挥中心取得目录更新：物资 3 条、受领单位 1 条');

    expect(depot('push', '--db', 'depot.db', '--depot', 'SBJ', '--out', 'stick.json', '--all').code).toBe(0);
    const imported = depot('center-import', '--pg', url, 'stick.json');
    expect(imported.stdout).toMatch(/新增 0 条/);

    const today = new Date().toLocaleDateString('sv-SE');
    const ledger = depot('center-ledger', '--pg', url, '--from', today, '--to', today, '--out', 'city.xlsx');
    expect(ledger.stderr).toBe('');
    expect(ledger.stdout).toMatch(/^已导出 .*city\.xlsx：明细 2 行，物资 1 种/);

    centerProcess!.kill('SIGTERM');
    await new Promise((r) => centerProcess!.once('exit', r));
    centerProcess = undefined;
    const down = depot('push', '--db', 'depot.db', '--depot', 'SBJ', '--center', centerUrl);
    // Everything acknowledged, but the catalogue cannot be asked for: said in Chinese, exit 1.
    expect(down.stdout).toContain('没有待同步的数据');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/无法连接指挥中心 http:\/\/127\.0\.0\.1:\d+：.*数据保留在本库/);

    const bad = depot('center-register', '--pg', 'postgres://nobody@127.0.0.1:1/none', '--depot', 'QX', '--name', 'x', '--key', 'depot.pub');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/无法连接指挥中心的 PostgreSQL 数据库/);
  });

  it('pushes by itself from depot serve --center, with nobody running depot push', async () => {
    const url = await newDatabase(cluster.url);
    const store = await openCenterStore(url);
    const other = await staffedDepot();
    try {
      await other.receive(other.f.mask.id, 40, 120);
      const dbPath = join(other.env.dir, 'depot.db');
      await registerDepot(store, { code: 'QX05', name: '五号仓库', publicKey: depotKey(dbPath).publicKeyPem });
      other.depot.close();
      const centerUrl = await startCenter(url);
      // The screens are not what this test looks at: an empty page stands for the built renderer.
      const renderer = join(other.env.dir, 'renderer');
      mkdirSync(renderer);
      writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
      const serving = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', DEPOT, 'serve', '--db', dbPath, '--port', '0', '--center', centerUrl, '--depot', 'QX05'], {
        cwd: other.env.dir,
        env: { ...process.env, DEPOT_RENDERER_DIR: renderer },
        stdio: 'ignore',
      });
      const exited = new Promise((r) => serving.once('exit', r));
      try {
        // Bounded (60 s): the server's first push goes at once.
        let rows: { qty: number }[] = [];
        for (let i = 0; i < 600 && rows.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 100));
          rows = (await store.pool.query(`SELECT qty FROM movements WHERE depot_code = 'QX05'`)).rows;
        }
        expect(rows.map((r) => Number(r.qty))).toEqual([40]);
      } finally {
        serving.kill('SIGTERM');
        await exited;
      }
    } finally {
      await store.close();
      other.env.cleanup();
    }
  });
});
