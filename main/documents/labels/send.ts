/** Raw bytes to a network label printer's port 9100 (the "RAW"/JetDirect protocol: open, write, close). */
import { connect } from 'node:net';
import type { Locale } from '../../../shared/domain.ts';
import { translator } from '../html.ts';

export type PrinterErrorCode = 'timeout' | 'refused' | 'unreachable';

/** A label printer that could not be reached, with a message for the operator in their language. */
export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  readonly host: string;
  readonly port: number;

  constructor(code: PrinterErrorCode, message: string, host: string, port: number) {
    super(message);
    this.name = 'PrinterError';
    this.code = code;
    this.host = host;
    this.port = port;
  }
}

export interface SendOptions {
  /** For connecting and writing everything; default 5 s. */
  timeoutMs?: number;
  locale?: Locale;
}

/**
 * Resolves once every byte has been handed to the network and the printer has closed its end or
 * had the time to. Printers close after the job; some never do, which is not an error once the
 * bytes are out.
 */
export function sendRaw(host: string, port: number, bytes: Uint8Array, options: SendOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const t = translator(options.locale ?? 'zh-CN');
  return new Promise((resolve, reject) => {
    let written = false;
    let settled = false;
    const settle = (error?: PrinterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const fail = (code: PrinterErrorCode, detail = '') =>
      settle(new PrinterError(code, t(`documents.printer.${code}`, { host, port, seconds: timeoutMs / 1000, detail }), host, port));
    const timer = setTimeout(() => (written ? settle() : fail('timeout')), timeoutMs);
    const socket = connect({ host, port });
    socket.on('connect', () => socket.end(bytes, () => (written = true)));
    socket.on('close', () => (written ? settle() : fail('unreachable', 'connection closed before the job was sent')));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? fail('refused') : fail('unreachable', e.code ?? e.message)));
  });
}
