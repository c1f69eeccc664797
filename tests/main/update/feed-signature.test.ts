import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createUpdateController, type UpdateController } from '../../../main/update/controller.ts';
import { makeReleaseKey, signFeed, trustedWithoutSignature, type SignedFeedCheck } from '../../../main/update/feed-signature.ts';
import type { EventName, Events } from '../../../shared/contract/index.ts';
import { feedServer, nodeUpdater, writeFeed } from './support.ts';

/** The feed folder's files over node's fetch, as Electron's net fetches them in the app. */
const fetchFile = async (url: string) => {
  const r = await fetch(url);
  return r.ok ? Buffer.from(await r.arrayBuffer()) : null;
};

describe('signed update feeds: the release key built into the app decides which feed is believed', () => {
  let dir: string;
  let folder: string;
  let server: Awaited<ReturnType<typeof feedServer>>;
  let controller: UpdateController;
  let events: [EventName, unknown][];
  const key = makeReleaseKey();
  const feed = () => join(folder, 'latest-linux.yml');
  const sign = (privateKey = key.privateKey) => writeFileSync(`${feed()}.sig`, signFeed(readFileSync(feed()), privateKey));

  function start(check: Partial<SignedFeedCheck> = {}) {
    const made = nodeUpdater({ version: '0.1.0', dir: join(dir, 'app') });
    controller = createUpdateController({
      engine: made.updater,
      currentVersion: '0.1.0',
      readSettings: () => ({ url: server.url, checkEveryHours: 4 }),
      bakedUrl: null,
      postingInProgress: () => false,
      emit: <E extends EventName>(name: E, payload: Events[E]) => void events.push([name, payload]),
      feedCheck: { publicKey: key.publicKey, channelFile: 'latest-linux.yml', fetch: fetchFile, ...check },
    });
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'depot-signed-'));
    folder = join(dir, 'server', 'depot-desk');
    writeFeed(folder, 'latest-linux.yml', '0.2.0', 'DepotDesk-0.2.0-amd64.deb', randomBytes(64 * 1024));
    server = await feedServer(join(dir, 'server'));
    events = [];
  });
  afterEach(async () => {
    controller?.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a feed signed with the release key is offered and downloads', async () => {
    sign();
    start();
    await controller.tick();
    expect(server.requests).toContain('/depot-desk/latest-linux.yml.sig');
    expect(controller.status()).toMatchObject({ state: 'available', version: '0.2.0', error: null });
    await controller.download();
    expect(controller.status().state).toBe('downloaded');
  });

  test('a feed changed after signing (another installer, its own sha512), signed with another key, or not signed: refused, nothing offered or fetched', async () => {
    // Someone on the LAN puts their own installer and feed in the folder, keeping the old signature.
    sign();
    writeFeed(folder, 'latest-linux.yml', '0.2.1', 'DepotDesk-0.2.1-amd64.deb', randomBytes(64 * 1024));
    start();
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'error', error: 'feed_signature', version: null });
    expect(events.filter(([n]) => n === 'update.available')).toEqual([]);
    await controller.download();
    expect(server.requests.filter((r) => r.endsWith('.deb'))).toEqual([]);

    // Signed, but with a key that is not the one built into the app.
    controller.stop();
    sign(makeReleaseKey().privateKey);
    start();
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'error', error: 'feed_signature' });

    // No signature at all.
    controller.stop();
    rmSync(`${feed()}.sig`);
    start();
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'error', error: 'feed_unsigned' });
  });

  test('a feed swapped between the signature check and electron-updater’s own reading of it is refused', async () => {
    sign();
    const genuine = readFileSync(feed());
    writeFeed(join(dir, 'other'), 'latest-linux.yml', '0.2.1', 'DepotDesk-0.2.1-amd64.deb', randomBytes(64 * 1024));
    const forged = readFileSync(join(dir, 'other', 'latest-linux.yml'));
    // The first fetch of the feed (ours) gets the genuine one; electron-updater's gets the forged one.
    let served = 0;
    start({
      fetch: async (url) => {
        const body = await fetchFile(url);
        if (url.endsWith('latest-linux.yml') && served++ === 0) writeFileSync(feed(), forged);
        return body;
      },
    });
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'error', error: 'feed_changed', version: null });
    expect(events.filter(([n]) => n === 'update.available')).toEqual([]);
    writeFileSync(feed(), genuine);
  });

  test('without a key built in: https, or http on this machine only', () => {
    expect(trustedWithoutSignature('https://updates.example.org/depot-desk/')).toBe(true);
    expect(trustedWithoutSignature('http://127.0.0.1:8080/depot-desk/')).toBe(true);
    expect(trustedWithoutSignature('http://10.1.2.3/depot-desk/')).toBe(false);
  });

  test('without a key, an http server elsewhere on the LAN is not asked at all', async () => {
    start({ publicKey: null });
    // The same server, named by a LAN address rather than the loopback one.
    const lan = server.url.replace('127.0.0.1', '10.255.255.1');
    controller.stop();
    const made = nodeUpdater({ version: '0.1.0', dir: join(dir, 'app2') });
    controller = createUpdateController({
      engine: made.updater,
      currentVersion: '0.1.0',
      readSettings: () => ({ url: lan, checkEveryHours: 4 }),
      bakedUrl: null,
      postingInProgress: () => false,
      emit: () => {},
      feedCheck: { publicKey: null, channelFile: 'latest-linux.yml', fetch: fetchFile },
    });
    await controller.tick();
    expect(controller.status()).toMatchObject({ state: 'error', error: 'feed_insecure' });
  });
});
