import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createUpdateController, type UpdateController } from '../../../main/update/controller.ts';
import type { UpdateSettings } from '../../../shared/contract/update.ts';
import type { EventName, Events } from '../../../shared/contract/index.ts';
import { feedServer, nodeUpdater, sha512, writeFeed } from './support.ts';

const HOUR = 3_600_000;

describe('update controller with electron-updater against a server on 127.0.0.1', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof feedServer>>;
  let artifact: Buffer;
  let events: [EventName, unknown][];
  let settings: UpdateSettings;
  let now: number;
  let posting: boolean;
  let controller: UpdateController;
  let installs: [boolean | undefined, boolean | undefined][];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'depot-update-'));
    artifact = randomBytes(3 * 1024 * 1024 + 17);
    writeFeed(join(dir, 'server', 'depot-desk'), 'latest-linux.yml', '0.2.0', 'DepotDesk-0.2.0-amd64.deb', artifact);
    server = await feedServer(join(dir, 'server'));
    events = [];
    settings = { url: server.url, checkEveryHours: 4 };
    now = Date.parse('2025-03-01T09:00:00Z');
    posting = false;
    const made = nodeUpdater({ version: '0.1.0', dir: join(dir, 'app') });
    installs = made.installs;
    controller = createUpdateController({
      engine: made.updater,
      currentVersion: '0.1.0',
      readSettings: () => settings,
      bakedUrl: null,
      postingInProgress: () => posting,
      emit: <E extends EventName>(name: E, payload: Events[E]) => void events.push([name, payload]),
      clock: () => now,
      installRetryMs: 20,
    });
  });

  afterEach(async () => {
    controller.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('checks on start, finds 0.2.0, downloads it with progress, verifies it and installs only after consent and outside a posting', async () => {
    await controller.tick();
    expect(server.requests).toContain('/depot-desk/latest-linux.yml');
    expect(controller.status()).toMatchObject({ state: 'available', currentVersion: '0.1.0', version: '0.2.0' });
    expect(events.find(([n]) => n === 'update.available')?.[1]).toMatchObject({ version: '0.2.0', releaseDate: '2025-03-01T08:00:00.000Z' });
    // autoDownload is off: nothing fetched until asked.
    expect(server.requests).not.toContain('/depot-desk/DepotDesk-0.2.0-amd64.deb');

    await controller.download();
    expect(controller.status()).toMatchObject({ state: 'downloaded', percent: 100 });
    const progress = events.filter(([n]) => n === 'update.progress').map(([, p]) => p as Events['update.progress']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.total).toBe(artifact.length);
    expect(events.find(([n]) => n === 'update.downloaded')?.[1]).toEqual({ version: '0.2.0' });
    // The file electron-updater kept is the one on the server, byte for byte.
    const pending = join(dir, 'app', 'cache', 'depot-desk-updater', 'pending');
    const kept = readdirSync(pending).find((f) => f.endsWith('.deb'))!;
    expect(sha512(readFileSync(join(pending, kept)))).toBe(sha512(artifact));

    // Downloaded, but no consent yet: no restart.
    await new Promise((r) => setTimeout(r, 60));
    expect(installs).toEqual([]);

    // Consent during a posting: waits for it to finish.
    posting = true;
    controller.requestInstall();
    await new Promise((r) => setTimeout(r, 100));
    expect(installs).toEqual([]);
    expect(controller.status().installRequested).toBe(true);
    posting = false;
    await new Promise((r) => setTimeout(r, 100));
    expect(installs).toEqual([[true, true]]);
  });

  test('a tampered download is refused: sha512 does not match latest.yml', async () => {
    // The file on the server is not the one the feed was written for.
    const tampered = Buffer.from(artifact);
    tampered[1000] = tampered[1000]! ^ 0xff;
    writeFileSync(join(dir, 'server', 'depot-desk', 'DepotDesk-0.2.0-amd64.deb'), tampered);

    await controller.tick();
    await controller.download();
    expect(controller.status().state).toBe('error');
    expect(controller.status().error).toMatch(/sha512/i);
    expect(events.some(([n]) => n === 'update.downloaded')).toBe(false);
    controller.requestInstall();
    await new Promise((r) => setTimeout(r, 60));
    expect(installs).toEqual([]);
  });

  test('the same version on the server: up to date, nothing to download', async () => {
    writeFeed(join(dir, 'server', 'depot-desk'), 'latest-linux.yml', '0.1.0', 'DepotDesk-0.1.0-amd64.deb', artifact);
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'idle', version: null });
    expect(events).toEqual([]);
  });

  test('checks again only after the interval the admin set, and at once when the URL changes', async () => {
    await controller.tick();
    const checks = () => server.requests.filter((p) => p.endsWith('latest-linux.yml')).length;
    expect(checks()).toBe(1);
    now += 3 * HOUR;
    await controller.tick();
    expect(checks()).toBe(1);
    now += 1 * HOUR;
    await controller.tick();
    expect(checks()).toBe(2);

    settings = { ...settings, checkEveryHours: 12 };
    now += 11 * HOUR;
    await controller.tick();
    expect(checks()).toBe(2);

    // The admin points the desk at another folder: checked on the next tick, there.
    writeFeed(join(dir, 'server', 'other'), 'latest-linux.yml', '0.3.0', 'DepotDesk-0.3.0-amd64.deb', artifact);
    settings = { ...settings, url: server.url.replace('depot-desk/', 'other') };
    await controller.tick();
    expect(server.requests.at(-1)).toBe('/other/latest-linux.yml');
    expect(controller.status().version).toBe('0.3.0');
  });

  test('no URL: updates are off and nothing is asked', async () => {
    settings = { url: '', checkEveryHours: 4 };
    await controller.tick();
    expect(controller.status().state).toBe('off');
    expect(server.requests).toEqual([]);
  });

  test('a wrong folder: the state says so, and the next try waits for the interval', async () => {
    settings = { url: server.url.replace('depot-desk/', 'missing/'), checkEveryHours: 4 };
    await controller.tick();
    expect(controller.status().state).toBe('error');
    expect(controller.status().error).toMatch(/latest-linux\.yml/);
    now += 1 * HOUR;
    await controller.tick();
    expect(server.requests).toEqual(['/missing/latest-linux.yml']);
    now += 3 * HOUR;
    await controller.tick();
    expect(server.requests).toEqual(['/missing/latest-linux.yml', '/missing/latest-linux.yml']);
  });

  test('start() checks shortly after the app starts, then on its own timer; stop() ends it', async () => {
    controller.start(30);
    expect(server.requests).toEqual([]);
    const until = Date.now() + 5000;
    while (controller.status().state !== 'available' && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(controller.status()).toMatchObject({ state: 'available', version: '0.2.0' });
    expect(server.requests).toEqual(['/depot-desk/latest-linux.yml']);
    controller.stop();
  });
});
