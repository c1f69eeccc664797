/**
 * Printing: dispatch slips, inbound receipts and labels as a preview, a PDF file, on a printer
 * through the OS driver, or (labels) as raw TSPL/ZPL to a network label printer. The print
 * channels are queries (rendering takes its time), but every print that leaves the desk is
 * entered in the print history in a transaction of its own: that count is what marks a
 * reprint 补打 and numbers it.
 */
import { z } from 'zod';
import { LOCALES } from '../domain.ts';
import { command, query, Id, Required, Text } from './channel.ts';
import { DOC_PAPERS, LABEL_KINDS, LABEL_SIZES, SLIP_COPIES, type DocPaper, type LabelSize, type SlipCopy } from './documents.ts';

/**
 * preview: the PDF for the screen, entered nowhere (it shows the 补打 mark the next print will carry);
 * pdf: a PDF file (or its bytes) that counts as printed; printer: through the OS print driver.
 */
export const PRINT_OUTPUTS = ['preview', 'pdf', 'printer'] as const;
export type PrintOutput = (typeof PRINT_OUTPUTS)[number];
/** Labels may also go as raw TSPL/ZPL to a label printer's TCP port (9100). */
export const LABEL_OUTPUTS = ['preview', 'pdf', 'printer', 'raw'] as const;
export type LabelOutput = (typeof LABEL_OUTPUTS)[number];
/** What the history records: previews never are. */
export type RecordedOutput = Exclude<LabelOutput, 'preview'>;

export const RAW_LANGUAGES = ['tspl', 'zpl'] as const;
export type RawLanguage = (typeof RAW_LANGUAGES)[number];

/**
 * The documents with a print history: dispatch orders (slips), receipts, lots (labels), donation
 * certificates (捐赠接收凭证, by their receipt's id) and purchase orders.
 */
export const PRINT_DOC_TYPES = ['dispatch', 'receipt', 'lot', 'certificate', 'purchase_order'] as const;
export type PrintDocType = (typeof PRINT_DOC_TYPES)[number];

/** Page margins in millimetres; null in the settings keeps the paper's own. */
export interface PrintMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** How one kind of sheet document prints at this depot. */
export interface SheetPrintSettings {
  paper: DocPaper;
  margins: PrintMargins | null;
  /** The OS printer's name; null: the system's default printer. */
  printer: string | null;
  /** Print without the OS print dialog. */
  silent: boolean;
  /** How many times the printer prints the whole document. */
  copies: number;
}

export interface SlipPrintSettings extends SheetPrintSettings {
  /** Which parts (联) to print, each a page set of its own: 存根, 随货, 回执. */
  parts: SlipCopy[];
  /**
   * Multi-part (carbonless) paper: the printer prints one set and the plies make the parts (白 存根 /
   * 红 随货 / 黄 回执, named in the footer). Unset: on for the 241 mm continuous form, off otherwise.
   */
  multiPart?: boolean | null;
}

/** A network label printer spoken to in its own language over TCP. */
export interface RawLabelPrinter {
  host: string;
  port: number;
  language: RawLanguage;
  dpi: 203 | 300;
  /**
   * The printer-resident font for Chinese. Unset: the printer's own simplified-Chinese bitmap font
   * (TSPL: TSS24.BF2 with GB18030 text), which common TSC/Gprinter printers have out of the box; a
   * TrueType name (SIMSUN.TTF) when one was downloaded to the printer. ZPL always needs a
   * TrueType font: unset it is E:SIMSUN.TTF, and a name without a drive is looked for on E:.
   */
  font?: string | null;
}

export interface LabelPrintSettings {
  size: LabelSize;
  printer: string | null;
  silent: boolean;
  copies: number;
  /** Where output 'raw' goes unless the call names a host. */
  raw: RawLabelPrinter | null;
}

export interface PrintSettings {
  slip: SlipPrintSettings;
  receipt: SheetPrintSettings;
  label: LabelPrintSettings;
}

export interface PrintResult {
  /** The PDF as base64: a preview, or output 'pdf' without a path. Null otherwise. */
  pdfBase64: string | null;
  /** The file written (output 'pdf' with a path). */
  path: string | null;
  /** Pages of the PDF; null when it went straight to a printer. */
  pages: number | null;
  /** 0 on a first print; n: this print is (a preview: the next print will be) marked 补打（第n次）. */
  reprint: number;
  /** Entered in the print history: every print, PDF or paper, except previews and drafts. */
  recorded: boolean;
  /** "出库单 CK20260410-0001": the document's title, also a file name to offer. */
  title: string;
}

export interface LabelPrintResult {
  pdfBase64: string | null;
  path: string | null;
  pages: number | null;
  /** Labels produced (each once; the printer repeats them `copies` times). */
  labels: number;
  /** Bytes sent to the label printer (output 'raw'). */
  bytes: number | null;
  recorded: boolean;
  title: string;
}

/** One entry of a document's print history, oldest first. */
export interface PrintRecord {
  id: number;
  docType: PrintDocType;
  docId: number;
  /** slip, receipt, or the label kind (lot, carton, pallet). */
  kind: string;
  /** The paper or label size. */
  paper: string;
  /** Page sets (slip parts × copies) or labels × copies that came out. */
  copies: number;
  output: RecordedOutput;
  /** The printer's name (null: the default printer or a PDF), or host:port of a label printer. */
  printer: string | null;
  at: string;
  operator: string;
  /** 0 for the first print of the document; n for 补打 n. */
  reprint: number;
}

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

/** An absolute path (POSIX, C:\… or \\server\share\…) of a .pdf file. */
export const PdfPath = z
  .string()
  .trim()
  .max(1000)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(p) && /[^\\/]\.pdf$/i.test(p), { message: 'pdf_path' });

const Margin = z.number().min(0).max(40);
const MarginsSchema = z.object({ top: Margin, right: Margin, bottom: Margin, left: Margin });
const PrinterName = Text(200).transform((name) => name || null);
const Copies = z.int().min(1).max(20);
const Parts = z.array(z.enum(SLIP_COPIES)).max(SLIP_COPIES.length).refine((parts) => new Set(parts).size === parts.length, { message: 'repeated' });
const Host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.\-:[\]]+$/, { message: 'host' });
const Port = z.int().min(1).max(65535);
const Dpi = z.union([z.literal(203), z.literal(300)]);

export const SheetSettingsSchema = z.object({
  paper: z.enum(DOC_PAPERS),
  margins: MarginsSchema.nullable(),
  printer: PrinterName.nullable(),
  silent: z.boolean(),
  copies: Copies,
});
export const SlipSettingsSchema = SheetSettingsSchema.extend({ parts: Parts, multiPart: z.boolean().nullable().optional() });
export const LabelSettingsSchema = z.object({
  size: z.enum(LABEL_SIZES),
  printer: PrinterName.nullable(),
  silent: z.boolean(),
  copies: Copies,
  raw: z.object({ host: Host, port: Port, language: z.enum(RAW_LANGUAGES), dpi: Dpi, font: z.string().trim().regex(/^[A-Za-z0-9:._-]{1,40}$/).nullable().optional() }).nullable(),
});

/** What a print call may override of the settings, and where its output goes. */
export const Delivery = {
  output: z.enum(PRINT_OUTPUTS),
  /** Output 'pdf' only: the file to write; without it the PDF comes back as base64. */
  path: PdfPath.optional(),
  printer: PrinterName.optional(),
  silent: z.boolean().optional(),
  copies: Copies.optional(),
  /** The document's language; the session's by default. */
  locale: z.enum(LOCALES).optional(),
};

/** A path only with output 'pdf'. */
export function delivering<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).refine((v: Record<string, unknown>) => v.path === undefined || v.output === 'pdf', { path: ['path'], message: 'pdf_only' });
}

/** A document by its record id, or by its number as printed on it (what the CLI and a scanner have). */
const IdOrNo = z.union([Id, Required(40)]);

export const printChannels = {
  /** A dispatch slip 出库单 of an approved, picked, shipped or delivered order. */
  'print.slip': query<PrintResult>()(
    delivering({
        order: IdOrNo,
        paper: z.enum(DOC_PAPERS).optional(),
        parts: Parts.optional(),
        margins: MarginsSchema.optional(),
        ...Delivery,
    }),
  ),
  /**
   * The pick list 拣货单 of an approved (or picked) order, or of a wave of such orders: their picks
   * in walking order by location, with a box to tick per row. A working paper: not entered in the
   * print history, so it never makes the slip a 补打. On the slip's paper and printer unless given.
   */
  'print.pickList': query<PrintResult>()(
    delivering({
        orders: z.array(IdOrNo).min(1).max(50),
        paper: z.enum(DOC_PAPERS).optional(),
        margins: MarginsSchema.optional(),
        ...Delivery,
    }).refine((v) => new Set(v.orders).size === v.orders.length, { path: ['orders'], message: 'repeated' }),
  ),
  /** An inbound receipt 入库单 (a draft prints marked 草稿 and is not entered in the history). */
  'print.receipt': query<PrintResult>()(
    delivering({
        receipt: IdOrNo,
        paper: z.enum(DOC_PAPERS).optional(),
        margins: MarginsSchema.optional(),
        ...Delivery,
    }),
  ),
  /**
   * Labels of one lot. A lot label carries the lot's stock on hand; a carton label the item's
   * largest pack; a pallet label cartonsPerPallet such cartons. Without a count, one lot label,
   * or as many carton or pallet labels as the stock on hand fills, the last carrying the rest.
   */
  'print.labels': query<LabelPrintResult>()(
    delivering({
        lot: IdOrNo,
        /** Names the item when several items have a lot of that number. */
        itemCode: Text(40).optional(),
        labelKind: z.enum(LABEL_KINDS).default('lot'),
        size: z.enum(LABEL_SIZES).optional(),
        count: z.int().min(1).max(500).optional(),
        cartonsPerPallet: z.int().min(1).max(500).optional(),
        ...Delivery,
        output: z.enum(LABEL_OUTPUTS),
        /** Output 'raw': the label printer, unless the settings name one. */
        host: Host.optional(),
        port: Port.optional(),
        language: z.enum(RAW_LANGUAGES).optional(),
        dpi: Dpi.optional(),
    }).refine((v) => v.labelKind !== 'pallet' || v.cartonsPerPallet !== undefined, { path: ['cartonsPerPallet'], message: 'required' }),
  ),
  /** Recall notices 召回通知, one page per unit that received the lot (or the one unit given). Working papers: not in the print history. */
  'print.recallNotice': query<PrintResult>()(
    delivering({
        recall: Id,
        unitId: Id.optional(),
        paper: z.enum(DOC_PAPERS).optional(),
        margins: MarginsSchema.optional(),
        ...Delivery,
    }),
  ),
  /** A write-off voucher 报损单 (a draft prints marked 草稿). */
  'print.writeOff': query<PrintResult>()(
    delivering({
        writeOff: IdOrNo,
        paper: z.enum(DOC_PAPERS).optional(),
        margins: MarginsSchema.optional(),
        ...Delivery,
    }),
  ),
  /** Every print of one document, oldest first. */
  'print.history': query<PrintRecord[]>()(z.object({ docType: z.enum(PRINT_DOC_TYPES), docId: Id })),
  /** Paper, margins, printer, silent printing and copies per document kind; any operator reads them to print. */
  'print.settings.get': query<PrintSettings>()(z.object({})),
  /** Replaces the settings of the kinds given. */
  'print.settings.set': command<PrintSettings>()(
    z
      .object({ slip: SlipSettingsSchema.optional(), receipt: SheetSettingsSchema.optional(), label: LabelSettingsSchema.optional() })
      .refine((v) => v.slip !== undefined || v.receipt !== undefined || v.label !== undefined, { message: 'empty' }),
    ['admin'],
  ),
  /** The OS printers this desk can print to; none outside the desktop app. */
  'print.printers': query<PrinterInfo[]>()(z.object({})),
};
