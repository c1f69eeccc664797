import { randomUUID } from 'node:crypto';
import type { Depot } from '../core/depot.ts';
import type { ChannelName } from '../../shared/contract/index.ts';
import { DEMO_ITEMS, DEMO_LOCATIONS, DEMO_SUPPLIERS, DEMO_UNITS } from './demo-data.ts';

export interface MasterDataCounts {
  items: number;
  units: number;
  suppliers: number;
  locations: number;
}

/** How many rows of master data the depot holds, deactivated ones included. */
export async function masterDataCounts(depot: Depot): Promise<MasterDataCounts> {
  const session = depot.systemSession();
  const count = async (channel: 'items.list' | 'units.list' | 'suppliers.list' | 'locations.list') => {
    const result = await depot.invoke(channel, { includeInactive: true }, session);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.data.length;
  };
  return { items: await count('items.list'), units: await count('units.list'), suppliers: await count('suppliers.list'), locations: await count('locations.list') };
}

/**
 * Fills an empty depot with the sample depot of 江川市 (demo-data.ts), through the same door as
 * the app: every row is a create command of the system operator, audited like any other.
 * The data is the same on every run except the suppliers' qualification expiry dates, which
 * are set relative to `today` so that some are always about to expire.
 * Throws on the first refusal (e.g. a code that already exists).
 */
export async function seedDemo(depot: Depot, { today = new Date() }: { today?: Date } = {}): Promise<MasterDataCounts> {
  const session = depot.systemSession();
  const create = async (channel: ChannelName, row: object) => {
    const result = await depot.invoke(channel, { ...row, requestId: randomUUID() }, session);
    if (!result.ok) throw new Error(`${channel} ${'code' in row ? String(row.code) : ''}: ${result.error.message}`);
  };

  for (const location of DEMO_LOCATIONS) await create('locations.create', location);
  for (const item of DEMO_ITEMS) await create('items.create', item);
  for (const { expiresInDays, ...supplier } of DEMO_SUPPLIERS) {
    await create('suppliers.create', { ...supplier, qualificationExpiry: expiresInDays === null ? null : addDays(today, expiresInDays) });
  }
  for (const unit of DEMO_UNITS) await create('units.create', unit);

  return { items: DEMO_ITEMS.length, units: DEMO_UNITS.length, suppliers: DEMO_SUPPLIERS.length, locations: DEMO_LOCATIONS.length };
}

/** today + n days as YYYY-MM-DD, in local time (the desk's calendar day). */
function addDays(today: Date, days: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
