import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { newDatabase, pgUnavailable, startPg, type TempPg } from '../../support/pg.ts';
import { centerMigrations, migrateCenter, openCenterStore } from '../../../main/center/store.ts';
import { CenterError, refusalText } from '../../../main/center/errors.ts';

const why = pgUnavailable();
let cluster: TempPg;

beforeAll(async () => {
  if (!why) cluster = await startPg();
});
afterAll(() => cluster?.stop());

describe.skipIf(why)(`the center's own migrations${why ? ` (skipped: ${why})` : ''}`, () => {
  it('bring a new database to the latest schema once, and a later migration sums what an older center already holds', async () => {
    const url = await newDatabase(cluster.url);
    const all = centerMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));

    // A center that ran before migration 005 (item_out_hours), with one dispatch applied.
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migrateCenter(pool, all.filter((m) => m.version < 5));
      await pool.query(`INSERT INTO depots (code, name, public_key) VALUES ('SBJ', '市本级储备库', 'x')`);
      await pool.query(
        `INSERT INTO movements (depot_code, depot_row_id, at, item_code, item_name, item_unit, category, lot_no, location_code, qty, doc_type, doc_no)
         VALUES ('SBJ', 1, now(), 'FH-001', '口罩', '只', 'protective', 'L1', 'A', -30, 'dispatch', 'CK1')`,
      );
    } finally {
      await pool.end();
    }

    const center = await openCenterStore(url);
    try {
      const { rows } = await center.pool.query('SELECT version FROM schema_version ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
      expect((await center.pool.query('SELECT item_code, out_qty FROM item_out_hours')).rows).toEqual([{ item_code: 'FH-001', out_qty: 30 }]);
    } finally {
      await center.close();
    }
    // Opening again changes nothing.
    const again = await openCenterStore(url);
    expect(Number((await again.pool.query('SELECT count(*) AS n FROM schema_version')).rows[0].n)).toBe(all.length);
    await again.pool.query(`INSERT INTO schema_version (version, name) VALUES (99, '099_future.sql')`);
    await again.close();

    const refused = await openCenterStore(url).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CenterError);
    expect(refusalText(refused as CenterError, 'zh-CN')).toBe(`指挥中心数据库的结构版本（99）比本程序支持的（${all.length}）更新：请更新程序`);
  });

  it('migration 007 mends a center that took a reversal (红冲) for a second transfer: that one removed, the reversed one cancelled', async () => {
    const url = await newDatabase(cluster.url);
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migrateCenter(pool, centerMigrations().filter((m) => m.version < 7));
      await pool.query(`INSERT INTO depots (code, name, public_key) VALUES ('SBJ', '市本级储备库', 'x'), ('QX02', '旗县区二号仓库', 'y')`);
      await pool.query(
        `INSERT INTO documents (depot_code, kind, no, status, seq, payload) VALUES
           ('SBJ', 'dispatch', 'CK1', 'shipped', 5, '{"no": "CK1", "status": "shipped", "reverses": null, "shippedAt": "2026-03-01T08:00:00.000Z"}'),
           ('SBJ', 'dispatch', 'CK2', 'shipped', 9, '{"no": "CK2", "status": "shipped", "reverses": "CK1", "shippedAt": "2026-03-01T09:30:00.000Z"}'),
           ('SBJ', 'dispatch', 'CK3', 'shipped', 12, '{"no": "CK3", "status": "shipped", "reverses": null, "shippedAt": "2026-03-02T08:00:00.000Z"}')`,
      );
      await pool.query(
        `INSERT INTO transfers (from_depot, dispatch_no, to_depot, status, shipped_at) VALUES
           ('SBJ', 'CK1', 'QX02', 'in_transit', '2026-03-01T08:00:00Z'), ('SBJ', 'CK2', 'QX02', 'in_transit', '2026-03-01T09:30:00Z'),
           ('SBJ', 'CK3', 'QX02', 'in_transit', '2026-03-02T08:00:00Z')`,
      );
    } finally {
      await pool.end();
    }
    const center = await openCenterStore(url);
    try {
      const { rows } = await center.pool.query(`SELECT dispatch_no, status, reversal_no, cancelled_at FROM transfers ORDER BY dispatch_no`);
      expect(rows).toEqual([
        { dispatch_no: 'CK1', status: 'cancelled', reversal_no: 'CK2', cancelled_at: new Date('2026-03-01T09:30:00Z') },
        { dispatch_no: 'CK3', status: 'in_transit', reversal_no: null, cancelled_at: null },
      ]);
    } finally {
      await center.close();
    }
  });
});
