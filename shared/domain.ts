/** The vocabulary of DOMAIN.md, shared by the core and the screens. Names are translated in shared/i18n. */
/** center: the command center's staff at a depot's desk — they read the city's views and nothing else. */
export const ROLES = ['storekeeper', 'dispatcher', 'approver', 'admin', 'center'] as const;
export type Role = (typeof ROLES)[number];

export const CATEGORIES = ['protective', 'disinfection', 'medical', 'living', 'warming', 'bedding'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUPPLIER_KINDS = ['manufacturer', 'distributor', 'donor', 'higher_level', 'district'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

export const UNIT_TYPES = [
  'designated_hospital',
  'other_hospital',
  'makeshift_hospital',
  'quarantine_hotel',
  'checkpoint',
  'control_point',
  'township_health_centre',
  'ambulance_team',
  'frontline_staff',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Allocation tiers, served strictly in this order. */
export const TIERS = ['full', 'minimum', 'proportional'] as const;
export type Tier = (typeof TIERS)[number];

/** The tier a new unit of each type starts with (the county bureau's rules); editable per unit. */
export const DEFAULT_TIER: Record<UnitType, Tier> = {
  designated_hospital: 'full',
  makeshift_hospital: 'full',
  other_hospital: 'minimum',
  quarantine_hotel: 'minimum',
  checkpoint: 'minimum',
  control_point: 'minimum',
  ambulance_team: 'minimum',
  frontline_staff: 'proportional',
  township_health_centre: 'proportional',
};

export const UNITS_OF_MEASURE = ['个', '只', '件', '套', '箱', '瓶', '张', '床', '盒', '桶', '包', '双', '把', '台', '袋', '卷', '副', '条'] as const;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
