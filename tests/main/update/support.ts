import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { createReadStream, existsSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, normalize, basename } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DebUpdater } from 'electron-updater';
import { HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';

/** A static file server on 127.0.0.1 (the intranet update server), counting what it was asked for. */
export async function feedServer(root: string) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/depot-desk/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Plain node:http (never a proxy: the test server is on loopback). download() is what
 * electron-updater's ElectronHttpExecutor does over Electron's net; the base class's
 * doDownload streams to the file and checks the sha512 from latest.yml.
 */
class LoopbackExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

/**
 * electron-updater's own Linux updater, running under Node: the app it asks about is an
 * AppAdapter over a temp folder instead of Electron's app, and its HTTP goes through node:http.
 * Installing is the one step left out (it would run dpkg and quit the app).
 */
export function nodeUpdater(options: { version: string; dir: string; appUpdateYml?: string }) {
  mkdirSync(options.dir, { recursive: true });
  const appUpdateConfigPath = join(options.dir, 'app-update.yml');
  writeFileSync(appUpdateConfigPath, options.appUpdateYml ?? 'provider: generic\nurl: http://updates.invalid/depot-desk/\nupdaterCacheDirName: depot-desk-updater\n');
  const updater = new DebUpdater(null, {
    version: options.version,
    name: 'depot-desk',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: options.dir,
    baseCachePath: join(options.dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  });
  // The updater made with its own app adapter brings no HTTP executor; the provider is made on setFeedURL.
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new LoopbackExecutor();
  updater.logger = null;
  const installs: [boolean | undefined, boolean | undefined][] = [];
  updater.quitAndInstall = (isSilent, isForceRunAfter) => void installs.push([isSilent, isForceRunAfter]);
  return { updater, installs };
}

/** base64 of the file's sha512, as electron-builder writes it into latest.yml. */
export const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

/** A feed as electron-builder writes it for one artifact. */
export function writeFeed(dir: string, channelFile: string, version: string, artifact: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, artifact), data);
  const hash = sha512(data);
  writeFileSync(
    join(dir, channelFile),
    `version: ${version}\nfiles:\n  - url: ${basename(artifact)}\n    sha512: ${hash}\n    size: ${data.length}\npath: ${basename(artifact)}\nsha512: ${hash}\nreleaseDate: '2025-03-01T08:00:00.000Z'\n`,
  );
}
