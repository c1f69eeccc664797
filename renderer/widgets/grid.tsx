import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Pack } from '../../shared/packs.ts';
import { gridLocale, isLocale } from '../i18n.ts';
import { fmtNumber, packsOf, qtyText } from './format.ts';
import './widgets.css';

/** The operator's language and AG Grid's own texts in it (a new language builds a new grid: use locale as its key). */
export function useGridLocale() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  return { locale, localeText: gridLocale[locale] };
}

/** What a quantity cell needs: base units, the base unit and the item's packs. */
export interface QtyOf {
  qty: number | null;
  unit: string;
  packs: readonly Pack[];
}

/** "1,020只" with the pack breakdown ("1箱 20只") beside it in a softer ink. */
export function QtyCell({ qty, unit, packs }: QtyOf) {
  if (qty === null) return null;
  const p = packsOf(Math.abs(qty), unit, packs);
  return (
    <span className="qty">
      <span className="qty-base">
        {fmtNumber(qty)}
        <span className="qty-unit">{unit}</span>
      </span>
      {p && <span className="qty-packs">{p}</span>}
    </span>
  );
}

/** A read-only quantity column: sorts and exports by base units, shows base units and packs. */
export function qtyColumn<T>(colId: string, headerName: string, of: (row: T) => QtyOf | null, extra: ColDef<T> = {}): ColDef<T> {
  return {
    colId,
    headerName,
    type: 'rightAligned',
    valueGetter: (p) => (p.data ? (of(p.data)?.qty ?? null) : null),
    valueFormatter: (p) => {
      const q = p.data ? of(p.data) : null;
      return q && q.qty !== null ? qtyText(q.qty, q.unit, q.packs) : '';
    },
    cellRenderer: (p: ICellRendererParams<T>) => {
      const q = p.data ? of(p.data) : null;
      return q ? <QtyCell {...q} /> : null;
    },
    minWidth: 120,
    ...extra,
  };
}

/** The defaults every grid of these pages shares (sortable, resizable, wrapped Chinese headers, no filter buttons). */
export const defaultColDef = {
  sortable: true,
  filter: false,
  suppressHeaderMenuButton: true,
  resizable: true,
  minWidth: 64,
  wrapHeaderText: true,
  autoHeaderHeight: true,
} satisfies ColDef;
