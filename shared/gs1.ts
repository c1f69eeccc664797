import { parseBarcode } from 'gs1-barcode-parser-mod';

/**
 * What a keyboard-wedge scanner sends from the codes on goods: GS1 element strings (GS1-128, GS1
 * DataMatrix, GS1 QR — with or without the AIM prefix ]C1 / ]d2 / ]Q3 / ]e0, with FNC1 sent as GS,
 * or the human-readable form with brackets), and China's 20-digit 药品追溯码.
 *
 * The parsing is gs1-barcode-parser-mod's (it knows every AI's length, reads day 00 as the month's
 * last day and the bracketed form); it does not check digits, so GTINs and SSCCs are checked here.
 */
export interface Gs1Scan {
  /** (01) or (02), 14 digits. */
  gtin: string | null;
  /** (10) */
  lotNo: string | null;
  /** (17), yyyy-mm-dd */
  expiresOn: string | null;
  /** (11), yyyy-mm-dd */
  producedOn: string | null;
  /** (21): a UDI's production identifier for one piece. */
  serial: string | null;
  /** (00): a pallet or shipping unit, names no item. */
  sscc: string | null;
  /** (30) or (37): how many pieces (37: of the contained GTIN) this one code stands for. */
  count: number | null;
}

export type Gs1Read =
  | { kind: 'gs1'; scan: Gs1Scan }
  | { kind: 'trace'; code: string }
  | { kind: 'bad'; reason: 'checkDigit' | 'malformed'; ai: string | null };

const GS = '\u001d';
const AIM = /^\](C1|d2|Q3|e0|e1|J1)/;

/** null when the code is not one of these (an EAN-13 on its own, the desk's own labels, a typed item code). */
export function readGs1(raw: string): Gs1Read | null {
  const code = raw.trim();
  if (/^8\d{19}$/.test(code)) return { kind: 'trace', code };
  if (!looksGs1(code)) return null;
  let parsed: { ai: string; data: unknown; isoDate?: string }[];
  // A human-readable string that a person typed may carry spaces between its elements.
  const input = code.startsWith('(') ? code.replace(/\s+/g, '') : code;
  try {
    parsed = parseBarcode(input).parsedCodeItems;
  } catch {
    return { kind: 'bad', reason: 'malformed', ai: null };
  }
  const scan: Gs1Scan = { gtin: null, lotNo: null, expiresOn: null, producedOn: null, serial: null, sscc: null, count: null };
  for (const e of parsed) {
    const text = typeof e.data === 'string' ? e.data : String(e.data);
    switch (e.ai) {
      case '01':
      case '02':
        if (!/^\d{14}$/.test(text) || !checkDigitOk(text)) return { kind: 'bad', reason: 'checkDigit', ai: e.ai };
        scan.gtin = text;
        break;
      case '00':
        if (!/^\d{18}$/.test(text) || !checkDigitOk(text)) return { kind: 'bad', reason: 'checkDigit', ai: e.ai };
        scan.sscc = text;
        break;
      case '10':
        scan.lotNo = text;
        break;
      case '21':
        scan.serial = text;
        break;
      case '17':
        scan.expiresOn = isoOf(e);
        if (!scan.expiresOn || !writtenAs(input, e.ai, scan.expiresOn)) return { kind: 'bad', reason: 'malformed', ai: e.ai };
        break;
      case '11':
        scan.producedOn = isoOf(e);
        if (!scan.producedOn || !writtenAs(input, e.ai, scan.producedOn)) return { kind: 'bad', reason: 'malformed', ai: e.ai };
        break;
      case '30':
      case '37': {
        const n = Number(text);
        if (!Number.isSafeInteger(n) || n < 1 || n > 1_000_000) return { kind: 'bad', reason: 'malformed', ai: e.ai };
        scan.count = n;
        break;
      }
      default:
        break;
    }
  }
  if (parsed.length === 0) return { kind: 'bad', reason: 'malformed', ai: null };
  return { kind: 'gs1', scan };
}

function looksGs1(code: string): boolean {
  if (AIM.test(code) || code.includes(GS)) return true;
  if (/^\(\d{2,4}\)/.test(code)) return true;
  // Without prefix or separator: a GTIN element followed by more, or an SSCC on its own.
  return /^0[12]\d{14}./.test(code) || /^00\d{18}$/.test(code) || /^0[12]\d{14}$/.test(code);
}

function isoOf(e: { data: unknown; isoDate?: string }): string | null {
  if (typeof e.isoDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.isoDate)) return e.isoDate;
  if (e.data instanceof Date && !Number.isNaN(e.data.getTime())) {
    const d = e.data;
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return null;
}

/**
 * The parser rolls an impossible date over (month 13 becomes next January): a date is taken only
 * when the code spells it as read — YYMMDD, or YYMM00 for the month's last day.
 */
function writtenAs(code: string, ai: string, iso: string): boolean {
  const yymm = iso.slice(2, 4) + iso.slice(5, 7);
  const dd = iso.slice(8, 10);
  const lastDay = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), 0)).getUTCDate();
  const forms = [yymm + dd, ...(Number(dd) === lastDay ? [yymm + '00'] : [])];
  return forms.some((f) => code.includes(`(${ai})${f}`) || code.includes(`${ai}${f}`));
}

/** The GS1 mod-10 check digit: weights 3 and 1 alternating from the right, the last digit checks the rest. */
export function checkDigitOk(digits: string): boolean {
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

/** An EAN-13 or UPC-A printed on the item, as the GTIN-14 a GS1 code carries (zeros in front). */
export const asGtin14 = (barcode: string): string | null => (/^\d{8,14}$/.test(barcode) ? barcode.padStart(14, '0') : null);
