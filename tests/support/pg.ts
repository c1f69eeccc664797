import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for one test file: initdb in a temp folder, a free port on
 * 127.0.0.1, the socket in that folder, stopped and removed by stop(). No shared server, no mocks.
 * .ci/run installs Debian's postgresql where it is missing.
 */
const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];

export const pgBinDir = (): string | undefined =>
  [process.env.DEPOT_PG_BIN, ...BIN_DIRS].find((d): d is string => d !== undefined && existsSync(join(d, 'initdb')));

/** Why the center's tests cannot run here, or undefined when they can. */
export function pgUnavailable(): string | undefined {
  return pgBinDir() === undefined ? 'PostgreSQL (initdb, pg_ctl) not found: install Debian\'s postgresql, or set DEPOT_PG_BIN' : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TempPg {
  url: string;
  down(): void;
  up(): void;
  stop(): void;
}

export async function startPg(): Promise<TempPg> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'depot-pg-'));
  // initdb refuses to run as root: run the cluster as the postgres system user, owner of the folder.
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // fsync off: a test cluster is thrown away, and the machine's disk is shared with other builds.
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -h 127.0.0.1 -k ${dir} -F -c max_connections=50`, 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** PostgreSQL down (fast shutdown: connections cut) and up again on the same port, the data kept. */
    down: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    up: start,
    stop() {
      const argv = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      if (asRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...argv], { stdio: 'ignore' });
      else spawnSync(join(bin, 'pg_ctl'), argv, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let databases = 0;
/** A new empty database in the cluster, so each test starts from a center of its own. */
export async function newDatabase(clusterUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `center_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
