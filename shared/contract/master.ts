import { z } from 'zod';
import { CATEGORIES, SUPPLIER_KINDS, TIERS, UNIT_TYPES, type Category, type SupplierKind, type Tier, type UnitType } from '../domain.ts';
import { parsePacks, type Pack } from '../packs.ts';
import { command, query, Id, IsoDate, Required, Text, patchOf } from './channel.ts';

interface Row {
  id: number;
  version: number;
  active: boolean;
  updatedAt: string;
}

export interface Item extends Row {
  code: string;
  name: string;
  spec: string;
  unit: string;
  category: Category;
  packs: Pack[];
  lotTracked: boolean;
  standard: string;
  safetyStock: number;
  barcode: string | null;
  /** A subcategory the depot added under the category (洗漱用品 under 生活保障), or none. */
  subcategory: string | null;
}

export interface Location extends Row {
  code: string;
  depot: string;
  zone: string;
  bin: string;
  note: string;
}

export interface Supplier extends Row {
  code: string;
  name: string;
  kind: SupplierKind;
  contact: string;
  phone: string;
  address: string;
  products: string;
  capacityPerDay: string;
  leadTimeDays: number | null;
  qualification: string;
  qualificationExpiry: string | null;
}

export interface Unit extends Row {
  code: string;
  name: string;
  type: UnitType;
  district: string;
  staffCount: number;
  beds: number;
  tier: Tier;
  contact: string;
  phone: string;
  address: string;
  /** A subtype the depot added under the unit type (驰援医疗队驻地酒店 under 隔离酒店), or none. */
  subtype: string | null;
}

/** A group the depot adds under a fixed category or unit type, labelled in both languages. */
export interface Subgroup {
  kind: 'category' | 'unit_type';
  code: string;
  parent: string;
  nameZh: string;
  nameEn: string;
}

const Code = Required(32).regex(/^[A-Za-z0-9_.\-]+$/);
const Phone = Text(40).regex(/^[0-9+\-() ]*$/);
const Count = z.int().min(0).max(10_000_000);

const PackList = z
  .array(z.object({ unit: Required(8), per: z.int().min(2).max(1_000_000) }))
  .max(4)
  .refine((packs) => packs.every((p, i) => i === 0 || p.per > packs[i - 1]!.per), { message: 'packs_order' });
/** Pack levels, as a list or as the text the grid shows ("盒=50, 箱=1000"). */
const Packs = z.union([
  PackList,
  z.string().transform((text, ctx) => {
    const parsed = parsePacks(text);
    if (parsed === null) {
      ctx.addIssue({ code: 'custom', message: 'packs_format' });
      return z.NEVER;
    }
    return parsed;
  }).pipe(PackList),
]);

const itemFields = z.object({
  code: Code,
  name: Required(100),
  spec: Text(200),
  unit: Required(8),
  category: z.enum(CATEGORIES),
  packs: Packs,
  lotTracked: z.boolean(),
  standard: Text(100),
  safetyStock: Count,
  barcode: Text(64).regex(/^[\x21-\x7e]*$/).nullable(),
  subcategory: Code.nullable(),
  active: z.boolean(),
});

const locationFields = z.object({
  code: Code,
  depot: Required(40),
  zone: Required(40),
  bin: Required(40),
  note: Text(200),
  active: z.boolean(),
});

const supplierFields = z.object({
  code: Code,
  name: Required(100),
  kind: z.enum(SUPPLIER_KINDS),
  contact: Text(40),
  phone: Phone,
  address: Text(200),
  products: Text(500),
  capacityPerDay: Text(100),
  leadTimeDays: z.int().min(0).max(365).nullable(),
  qualification: Text(500),
  qualificationExpiry: IsoDate.nullable(),
  active: z.boolean(),
});

const unitFields = z.object({
  code: Code,
  name: Required(100),
  type: z.enum(UNIT_TYPES),
  district: Text(40),
  staffCount: Count,
  beds: Count,
  tier: z.enum(TIERS),
  contact: Text(40),
  phone: Phone,
  address: Text(200),
  subtype: Code.nullable(),
  active: z.boolean(),
});

export interface SupplierContact {
  id: number;
  supplierId: number;
  at: string;
  operator: string;
  method: string;
  outcome: string;
  itemId: number | null;
  itemName: string | null;
  promisedQty: number | null;
  promisedDate: string | null;
  note: string;
}

const List = z.object({ includeInactive: z.boolean().default(false) });

/** A new row: code and name required, the rest defaulted. */
const creating = <S extends z.ZodObject>(fields: S, required: (keyof S['shape'] & string)[]) =>
  fields.partial().required(Object.fromEntries(required.map((k) => [k, true])) as never);

const KEEPERS = ['storekeeper'] as const;
const DISPATCH = ['dispatcher'] as const;

export const masterChannels = {
  'items.list': query<Item[]>()(List),
  'items.create': command<Item>()(creating(itemFields, ['code', 'name', 'unit', 'category']), KEEPERS),
  'items.update': command<Item>()(patchOf(itemFields), KEEPERS),

  'locations.list': query<Location[]>()(List),
  'locations.create': command<Location>()(creating(locationFields, ['code', 'depot', 'zone', 'bin']), KEEPERS),
  'locations.update': command<Location>()(patchOf(locationFields), KEEPERS),

  'suppliers.list': query<Supplier[]>()(List),
  'suppliers.create': command<Supplier>()(creating(supplierFields, ['code', 'name', 'kind']), [...KEEPERS, ...DISPATCH]),
  'suppliers.update': command<Supplier>()(patchOf(supplierFields), [...KEEPERS, ...DISPATCH]),

  'units.list': query<Unit[]>()(List),
  'units.create': command<Unit>()(creating(unitFields, ['code', 'name', 'type']), DISPATCH),
  'units.update': command<Unit>()(patchOf(unitFields), DISPATCH),

  /** Subcategories and unit subtypes: every report still rolls them up into their parent. */
  'subgroups.list': query<Subgroup[]>()(z.object({})),
  'subgroups.save': command<Subgroup>()(
    z.object({ kind: z.enum(['category', 'unit_type']), code: Code, parent: z.enum([...CATEGORIES, ...UNIT_TYPES]), nameZh: Required(40), nameEn: Required(60) }),
    ['admin'],
  ),

  /** The contact log of a supply channel: who called, what was promised. */
  'suppliers.contacts': query<SupplierContact[]>()(z.object({ supplierId: Id })),
  'suppliers.logContact': command<SupplierContact>()(
    z.object({
      supplierId: Id,
      method: z.enum(['phone', 'visit', 'message', 'email']).default('phone'),
      outcome: Required(200),
      itemId: Id.nullable().default(null),
      promisedQty: z.int().min(0).nullable().default(null),
      promisedDate: IsoDate.nullable().default(null),
      note: Text(500).default(''),
    }),
    [...KEEPERS, ...DISPATCH],
  ),
};
