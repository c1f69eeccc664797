import { checkSubgroup, listSubgroups, saveSubgroup } from './subgroups.ts';
import type { masterChannels } from '../../../shared/contract/master.ts';
import type { Item, Location, Supplier, Unit } from '../../../shared/contract/index.ts';
import { DEFAULT_TIER } from '../../../shared/domain.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { masterTable } from './table.ts';
import { listContacts } from './contacts.ts';
import { DepotError } from '../../core/errors.ts';
import { audit } from '../../core/audit.ts';
import { refuseIfCenterOwned } from '../../center/catalogue-lock.ts';

export const items = masterTable<Item>({
  table: 'items',
  entity: 'items',
  fields: ['code', 'name', 'spec', 'unit', 'category', 'packs', 'lotTracked', 'standard', 'safetyStock', 'barcode', 'subcategory', 'active'],
  booleans: ['lotTracked', 'active'],
  json: ['packs'],
  defaults: (i) => ({
    code: i.code!,
    name: i.name!,
    spec: i.spec ?? '',
    unit: i.unit!,
    category: i.category!,
    packs: i.packs ?? [],
    lotTracked: i.lotTracked ?? true,
    standard: i.standard ?? '',
    safetyStock: i.safetyStock ?? 0,
    barcode: i.barcode || null,
    subcategory: i.subcategory ?? null,
    active: i.active ?? true,
  }),
});

export const locations = masterTable<Location>({
  table: 'locations',
  entity: 'locations',
  fields: ['code', 'depot', 'zone', 'bin', 'note', 'active'],
  booleans: ['active'],
  defaults: (i) => ({ code: i.code!, depot: i.depot!, zone: i.zone!, bin: i.bin!, note: i.note ?? '', active: i.active ?? true }),
});

export const suppliers = masterTable<Supplier>({
  table: 'suppliers',
  entity: 'suppliers',
  fields: ['code', 'name', 'kind', 'contact', 'phone', 'address', 'products', 'capacityPerDay', 'leadTimeDays', 'qualification', 'qualificationExpiry', 'active'],
  booleans: ['active'],
  defaults: (i) => ({
    code: i.code!,
    name: i.name!,
    kind: i.kind!,
    contact: i.contact ?? '',
    phone: i.phone ?? '',
    address: i.address ?? '',
    products: i.products ?? '',
    capacityPerDay: i.capacityPerDay ?? '',
    leadTimeDays: i.leadTimeDays ?? null,
    qualification: i.qualification ?? '',
    qualificationExpiry: i.qualificationExpiry ?? null,
    active: i.active ?? true,
  }),
});

export const units = masterTable<Unit>({
  table: 'units',
  entity: 'units',
  fields: ['code', 'name', 'type', 'district', 'staffCount', 'beds', 'tier', 'contact', 'phone', 'address', 'subtype', 'active'],
  booleans: ['active'],
  defaults: (i) => ({
    code: i.code!,
    name: i.name!,
    type: i.type!,
    district: i.district ?? '',
    staffCount: i.staffCount ?? 0,
    beds: i.beds ?? 0,
    tier: i.tier ?? DEFAULT_TIER[i.type!],
    contact: i.contact ?? '',
    phone: i.phone ?? '',
    address: i.address ?? '',
    subtype: i.subtype ?? null,
    active: i.active ?? true,
  }),
});

export const masterHandlers: DomainHandlers<typeof masterChannels> = {
  'items.list': (input, ctx) => items.list(ctx.store, input.includeInactive),
  'items.create': ({ requestId: _, ...input }, ctx) => {
    refuseIfCenterOwned(ctx, 'items');
    checkSubgroup(ctx, 'category', input.subcategory, input.category, 'subcategory');
    return items.create(ctx, input);
  },
  'items.update': (input, ctx) => {
    refuseIfCenterOwned(ctx, 'items');
    const before = items.mustGet(ctx.store, input.id);
    checkSubgroup(ctx, 'category', input.changes.subcategory === undefined ? before.subcategory : input.changes.subcategory, input.changes.category ?? before.category, 'subcategory');
    // Stock and every ledger row are counted in the item's unit, by lot: once it has any, a new unit
    // would silently change what they mean, and switching lots off would orphan them.
    const changed = (['unit', 'lotTracked'] as const).find((f) => input.changes[f] !== undefined && input.changes[f] !== before[f]);
    if (changed && ctx.store.first('SELECT 1 FROM movements WHERE item_id = ? LIMIT 1', [input.id])) {
      throw new DepotError('item_has_stock', { item: `${before.code} ${before.name}`, field: ctx.t(`field.${changed}`) }, changed);
    }
    return items.update(ctx, input);
  },

  'locations.list': (input, ctx) => locations.list(ctx.store, input.includeInactive),
  'locations.create': ({ requestId: _, ...input }, ctx) => locations.create(ctx, input),
  'locations.update': (input, ctx) => locations.update(ctx, input),

  'suppliers.list': (input, ctx) => suppliers.list(ctx.store, input.includeInactive),
  'suppliers.create': ({ requestId: _, ...input }, ctx) => suppliers.create(ctx, input),
  'suppliers.update': (input, ctx) => suppliers.update(ctx, input),

  'units.list': (input, ctx) => units.list(ctx.store, input.includeInactive),
  'units.create': ({ requestId: _, ...input }, ctx) => {
    refuseIfCenterOwned(ctx, 'units');
    checkSubgroup(ctx, 'unit_type', input.subtype, input.type, 'subtype');
    return units.create(ctx, input);
  },
  'units.update': (input, ctx) => {
    refuseIfCenterOwned(ctx, 'units');
    const before = units.mustGet(ctx.store, input.id);
    checkSubgroup(ctx, 'unit_type', input.changes.subtype === undefined ? before.subtype : input.changes.subtype, input.changes.type ?? before.type, 'subtype');
    return units.update(ctx, input);
  },

  'subgroups.list': (_input, ctx) => listSubgroups(ctx.store),
  'subgroups.save': ({ requestId: _, ...g }, ctx) => {
    refuseIfCenterOwned(ctx, g.kind === 'category' ? 'subcategory' : 'subtype');
    return saveSubgroup(ctx, g);
  },

  'suppliers.contacts': ({ supplierId }, ctx) => listContacts(ctx.store, supplierId),
  'suppliers.logContact': ({ requestId: _, ...c }, ctx) => {
    suppliers.mustGet(ctx.store, c.supplierId);
    if (c.itemId !== null && !items.get(ctx.store, c.itemId)) throw new DepotError('not_found', { entity: 'item', id: c.itemId }, 'itemId');
    const { lastInsertRowid } = ctx.store.run(
      `INSERT INTO supplier_contacts (supplier_id, at, operator_id, method, outcome, item_id, promised_qty, promised_date, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [c.supplierId, ctx.now, ctx.operator.id, c.method, c.outcome, c.itemId, c.promisedQty, c.promisedDate, c.note],
    );
    audit(ctx, 'create', 'supplier_contact', Number(lastInsertRowid), null, c);
    ctx.emit('data.changed', { entity: 'suppliers' });
    return listContacts(ctx.store, c.supplierId).find((x) => x.id === Number(lastInsertRowid))!;
  },
};
