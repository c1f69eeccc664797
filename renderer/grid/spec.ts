import { CATEGORIES, ROLES, SUPPLIER_KINDS, TIERS, UNIT_TYPES } from '../../shared/domain.ts';
import type { CommandName, QueryName } from '../api.ts';

/** The enumerations a grid shows through i18n: the key is also the i18n prefix (category.protective…). */
export const ENUMS = {
  category: CATEGORIES,
  supplierKind: SUPPLIER_KINDS,
  unitType: UNIT_TYPES,
  tier: TIERS,
  role: ROLES,
} as const;
export type EnumName = keyof typeof ENUMS;

export interface FieldSpec {
  /** The row's property, the update's `changes` key and the i18n key under field.*. */
  field: string;
  kind: 'text' | 'integer' | 'boolean' | 'enum' | 'packs' | 'date' | 'password' | 'timestamp';
  enum?: EnumName;
  /** An emptied cell is sent as null, not as ''. */
  nullable?: boolean;
  /** Free text that may run long: the column is capped and the full text shows on hover. */
  long?: boolean;
  /** Values offered while typing (e.g. units of measure). */
  suggestions?: readonly string[];
  /** Shown in the add form; 'required' fields are the ones the create channel requires. */
  create?: 'required' | 'optional';
  pinned?: boolean;
}

export type PageId = 'items' | 'locations' | 'suppliers' | 'units' | 'operators';

/** One master-data page: which channels it calls and which fields it shows. */
export interface PageSpec {
  id: PageId;
  list: Extract<QueryName, `${PageId}.list`>;
  create: Extract<CommandName, `${PageId}.create`>;
  update: Extract<CommandName, `${PageId}.update`>;
  /** Whether the list channel can include deactivated rows. */
  inactiveToggle: boolean;
  fields: FieldSpec[];
}

/** What every editable row has; the rest is read through the page's fields. */
export interface GridRow {
  id: number;
  version: number;
  active: boolean;
  [field: string]: unknown;
}
