import type { z } from 'zod';
import type { PrintSettings } from '../../../shared/contract/print.ts';
import { LabelSettingsSchema, SheetSettingsSchema, SlipSettingsSchema } from '../../../shared/contract/print.ts';
import type { Store } from '../../store/db.ts';

/** Before an administrator sets anything: A4 slips in all three parts, 100×70 labels, the default printer with its dialog. */
export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  slip: { paper: 'A4', margins: null, printer: null, silent: false, copies: 1, parts: ['stub', 'goods', 'receipt'] },
  receipt: { paper: 'A4', margins: null, printer: null, silent: false, copies: 1 },
  label: { size: '100x70', printer: null, silent: false, copies: 1, raw: null },
};

const KINDS = { slip: SlipSettingsSchema, receipt: SheetSettingsSchema, label: LabelSettingsSchema } satisfies Record<keyof PrintSettings, z.ZodType>;
type Kind = keyof PrintSettings;
const key = (kind: Kind) => `print.${kind}`;

/** One settings row per kind, as JSON; a row that no longer reads (hand-edited, older shape) falls back to the defaults. */
export function readPrintSettings(store: Store): PrintSettings {
  const rows = new Map(store.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'print.%'").map((r) => [r.key, r.value]));
  const read = <K extends Kind>(kind: K): PrintSettings[K] => {
    const raw = rows.get(key(kind));
    if (raw === undefined) return DEFAULT_PRINT_SETTINGS[kind];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return DEFAULT_PRINT_SETTINGS[kind];
    }
    const parsed = KINDS[kind].safeParse(json);
    return parsed.success ? (parsed.data as PrintSettings[K]) : DEFAULT_PRINT_SETTINGS[kind];
  };
  return { slip: read('slip'), receipt: read('receipt'), label: read('label') };
}

export function writePrintSettings(store: Store, changes: Partial<PrintSettings>): void {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const value = changes[kind];
    if (value === undefined) continue;
    store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key(kind), JSON.stringify(value)]);
  }
}

/** The depot's name at the head of every document. */
export const depotName = (store: Store): string => store.first<{ value: string }>("SELECT value FROM settings WHERE key = 'depot.name'")?.value ?? '';
