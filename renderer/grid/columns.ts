import type { ColDef, ITooltipParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { formatPacks, type Pack } from '../../shared/packs.ts';
import { parseTypedDate } from '../../shared/dates.ts';
import { pinyinKeys } from '../../shared/search.ts';
import { ENUMS, type FieldSpec, type GridRow } from './spec.ts';
import { PasswordEditor } from './PasswordEditor.tsx';

/**
 * What an edited cell sends to the core. Numbers that do not look like numbers are sent as
 * typed, so that the core's validation — not the screen — says what is wrong with them.
 */
export function toWire(f: FieldSpec, value: unknown): unknown {
  switch (f.kind) {
    case 'boolean':
      return value === true || value === 'true';
    case 'integer': {
      const text = String(value ?? '').trim();
      if (text === '') return f.nullable ? null : text;
      return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
    case 'date':
      return value ? String(value) : null;
    case 'text': {
      const text = String(value ?? '');
      return f.nullable && text.trim() === '' ? null : text;
    }
    default:
      return value ?? '';
  }
}

/** Whether an edit would leave the row as it is (an edit that changes nothing is not sent). */
export function unchanged(f: FieldSpec, row: GridRow, wire: unknown): boolean {
  if (f.kind === 'password') return wire === '';
  if (f.kind === 'packs') return formatPacks(row.packs as Pack[]) === String(wire).trim();
  return row[f.field] === wire;
}

export const refusalKey = (id: unknown, field: string) => `${String(id)}:${field}`;

/** The column of one field: formatting, editor and the mark of a refused edit. */
export function columnFor(f: FieldSpec, t: TFunction, editable: boolean, refusals: ReadonlyMap<string, string>): ColDef<GridRow> {
  const refusal = (p: { data?: GridRow | undefined }) => (p.data ? refusals.get(refusalKey(p.data.id, f.field)) : undefined);
  const col: ColDef<GridRow> = {
    field: f.field,
    colId: f.field,
    headerName: t(`field.${f.field}`),
    headerTooltip: f.kind === 'packs' ? t('grid.packsHint') : undefined,
    editable: editable && f.kind !== 'timestamp',
    pinned: f.pinned ? 'left' : undefined,
    cellClassRules: { 'cell-refused': (p) => refusal(p) !== undefined },
    tooltipValueGetter: (p: ITooltipParams<GridRow>) => refusal(p) ?? (f.long ? p.valueFormatted ?? (p.value as string) : undefined),
    cellDataType: false,
  };

  switch (f.kind) {
    case 'enum': {
      const values = ENUMS[f.enum!];
      const labels = Object.fromEntries(values.map((v) => [v, t(`${f.enum}.${v}`)]));
      // refData shows the labels in the cell, the select editor, filters and the CSV export.
      col.refData = labels;
      col.cellEditor = 'agSelectCellEditor';
      col.cellEditorParams = { values: [...values] };
      col.getQuickFilterText = (p) => labels[p.value as string] ?? '';
      break;
    }
    case 'boolean':
      col.cellDataType = 'boolean';
      // A checkbox needs little room; a long header wraps instead of widening the column.
      col.maxWidth = 120;
      col.valueFormatter = (p) => t(p.value ? 'grid.yes' : 'grid.no');
      break;
    case 'integer':
      col.type = 'rightAligned';
      col.cellEditor = 'agTextCellEditor';
      break;
    case 'packs':
      col.valueGetter = (p) => formatPacks((p.data?.packs ?? []) as Pack[]);
      col.cellEditor = 'agTextCellEditor';
      break;
    case 'date':
      // Typed as text and kept as yyyy-mm-dd whatever the locale; what is no date goes to the core as
      // typed, which refuses it at the cell in words.
      col.cellEditor = 'agTextCellEditor';
      col.valueParser = (p) => {
        const date = parseTypedDate(String(p.newValue ?? ''));
        return date === undefined ? p.newValue : date;
      };
      break;
    case 'password':
      col.valueGetter = () => '';
      // Never shown, only replaced: the cell says so.
      col.valueFormatter = () => (editable ? t('grid.resetPassword') : '');
      col.cellClass = 'cell-hint';
      col.cellEditor = PasswordEditor;
      col.getQuickFilterText = () => '';
      break;
    case 'timestamp':
      col.valueFormatter = (p) => (typeof p.value === 'string' ? localTime(p.value) : '');
      col.getQuickFilterText = () => '';
      break;
    case 'text':
      col.cellEditor = 'agTextCellEditor';
      // The 筛选 box finds a name by its pinyin initials or full pinyin too ("yyfhkz", "kouzhao").
      col.getQuickFilterText = (p) => `${String(p.value ?? '')} ${pinyinKeys(String(p.value ?? ''))}`;
      break;
  }
  if (f.long) col.maxWidth = 320;
  return col;
}

/** "2025-01-31T08:05:00.000Z" → "2025-01-31 16:05" in the desk's own time zone. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
