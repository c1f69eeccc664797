import { z } from 'zod';
import type { Locale } from '../../shared/domain.ts';
import type { DepotDesk, DeskState, HeardDepot, PresentedServer } from '../../shared/desk.ts';
import type { AppError, ErrorCode } from '../../shared/errors.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import { browseDepots } from '../server/discovery.ts';
import { inspectServer, pinServer, serverSocketUrl, type PresentedCertificate } from '../server/join.ts';
import { shortCode } from '../server/certificate.ts';
import { qrSvg } from '../documents/barcodes.ts';
import { deskState, writeDeskSettings } from './start.ts';

/**
 * The first-run screen's calls (window.depotDesk), under Node: the shell hands them to the renderer
 * over IPC, the UI tests wire them in as they are. Input from the renderer is checked here; a bad
 * address or an unreachable server is answered in the desk's language and nothing is written.
 * The admin confirms the certificate's short code against the one the server printed; if the server
 * presents another certificate when the admin confirms, nothing is pinned.
 */
const Address = z.string().trim().min(1).max(200);
const Fingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

/** What a hosting desk serves: its addresses and its certificate's short code. */
export type Hosting = Omit<NonNullable<DeskState['hosting']>, 'qr'>;

export interface DeskSetupOptions {
  locale?: Locale;
  /** The depot file this desk would hold: one already there means the desk holds it (main/desk/start.ts). */
  localDepotFile?: string;
  /** DNS-SD (main/server/discovery.ts); a test gives its own. */
  browse?: () => Promise<HeardDepot[]>;
  /** The depot server this app runs for the LAN now, if it does (main/desk/host.ts). */
  hosting?: () => Hosting | null;
  timeoutMs?: number;
}

export function createDeskSetup(settingsFile: string, { locale = 'zh-CN', localDepotFile, browse, hosting = () => null, timeoutMs = 5000 }: DeskSetupOptions = {}): DepotDesk {
  const { t } = i18nFor(locale);
  const refuse = (code: ErrorCode, params: Record<string, string> = {}): { ok: false; error: AppError } => ({ ok: false, error: { code, message: t(`errors.${code}`, params) } });
  const badAddress = (typed: unknown) => refuse('server_address', { address: typeof typed === 'string' ? typed.slice(0, 60) : '' });
  const wsAddress = (typed: unknown): string | null => {
    const parsed = Address.safeParse(typed);
    if (!parsed.success) return null;
    try {
      return new URL(serverSocketUrl(parsed.data)).host;
    } catch {
      return null;
    }
  };
  const present = async (address: string): Promise<PresentedServer | { ok: false; error: AppError }> => {
    try {
      const presented = await inspectServer(address, timeoutMs);
      return { address, code: presented.code, fingerprint: presented.fingerprint };
    } catch (e) {
      return refuse('server_unreachable', { address, detail: unreachable(e, t) });
    }
  };

  return {
    state: () => Promise.resolve(deskState(settingsFile, localDepotFile, serving(hosting()))),
    async discover() {
      return browse ? browse() : (await browseDepots()).map((f) => ({ name: f.name, host: f.host, address: f.address }));
    },
    async inspect(typed) {
      const address = wsAddress(typed);
      if (address === null) return badAddress(typed);
      const presented = await present(address);
      return 'ok' in presented ? presented : { ok: true, data: presented };
    },
    async join(typed, fingerprint) {
      const address = wsAddress(typed);
      if (address === null) return badAddress(typed);
      if (!Fingerprint.safeParse(fingerprint).success) return refuse('invalid_input', { detail: t('desk.setup.fingerprint') });
      // What the server presents now must be what the admin confirmed a moment ago.
      let now: PresentedCertificate;
      try {
        now = await inspectServer(address, timeoutMs);
      } catch (e) {
        return refuse('server_unreachable', { address, detail: unreachable(e, t) });
      }
      if (now.fingerprint !== fingerprint) return refuse('server_certificate_changed', { address, pinned: shortCode(fingerprint), presented: now.code });
      pinServer(settingsFile, address, now);
      writeDeskSettings(settingsFile, { mode: 'remote', shareOnLan: false });
      return { ok: true, data: deskState(settingsFile) };
    },
    host(shareOnLan) {
      if (typeof shareOnLan !== 'boolean') return Promise.resolve(refuse('invalid_input', { detail: t('desk.setup.shareOnLan') }));
      writeDeskSettings(settingsFile, { mode: 'local', shareOnLan });
      return Promise.resolve({ ok: true, data: deskState(settingsFile, localDepotFile, serving(hosting())) });
    },
  };
}

/** The addresses a hosting desk shows, each with its QR code (the same QR the slips carry, 30 mm). */
function serving(h: Hosting | null): DeskState['hosting'] {
  if (!h) return null;
  return { ...h, qr: h.urls.map((u) => `data:image/svg+xml;base64,${Buffer.from(qrSvg(u, { sizeMm: 30 })).toString('base64')}`) };
}

/** Why a server did not answer, in the desk's words (Node's own messages are English developer text). */
function unreachable(e: unknown, t: (key: string) => string): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return t('desk.setup.why.refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t('desk.setup.why.notFound');
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') return t('desk.setup.why.notTls');
  if (e instanceof Error && /no answer/.test(e.message)) return t('desk.setup.why.timeout');
  return t('desk.setup.why.other');
}
