import type { Result } from './errors.ts';

/**
 * This computer's part in the depot (main/desk/): at first run the desktop app asks whether it holds
 * the depot's data itself (本机保存仓库数据, and may let other desks on the LAN join it) or joins the
 * depot server on the LAN (加入局域网内的仓库). The preload exposes `window.depotDesk` for that
 * first-run screen; in a browser there is none (a browser is always a desk of the server it came from).
 */
export type DeskMode = 'undecided' | 'local' | 'remote';

export interface DeskState {
  mode: DeskMode;
  /** A local depot that other desks on the LAN may join (the depot server runs inside this app). */
  shareOnLan: boolean;
  /** The joined server: its address and the short code of the certificate the admin confirmed. */
  server: { address: string; code: string } | null;
  /**
   * Shared on the LAN and serving now: the addresses desks type (each also as a QR code, an SVG data
   * URL: a joining desk's scanner types it into the address field) and the code their admin compares.
   */
  hosting: { urls: string[]; qr: string[]; code: string } | null;
}

/** A depot server heard on the LAN (DNS-SD). */
export interface HeardDepot {
  name: string;
  host: string;
  /** host:port to hand to inspect. */
  address: string;
}

/** The certificate a server presents, for the admin to compare its short code with the server's. */
export interface PresentedServer {
  address: string;
  code: string;
  fingerprint: string;
}

export interface DepotDesk {
  state(): Promise<DeskState>;
  /** The depot servers that answer on the LAN within a few seconds (none where multicast is blocked). */
  discover(): Promise<HeardDepot[]>;
  /** Connects to the address typed or picked and shows the certificate it presents; nothing is sent but the handshake. */
  inspect(address: string): Promise<Result<PresentedServer>>;
  /** The admin confirmed the code: pins that certificate and makes this desk a desk of that server (the app restarts). */
  join(address: string, fingerprint: string): Promise<Result<DeskState>>;
  /** This desk holds the depot (the app restarts); shareOnLan lets other desks join it. */
  host(shareOnLan: boolean): Promise<Result<DeskState>>;
}
