import type { Ctx } from '../core/context.ts';
import { DepotError } from '../core/errors.ts';
import { centerOwnsCatalogue } from './catalogue-pull.ts';

/**
 * Items, units, subcategories, unit subtypes and briefing lines are the center's once a depot has
 * taken its catalogue: conflicts are avoided by ownership, never merged.
 */
export function refuseIfCenterOwned(ctx: Ctx, entity: 'items' | 'units' | 'subcategory' | 'subtype' | 'briefing_line'): void {
  if (centerOwnsCatalogue(ctx.store)) throw new DepotError('catalogue_owned', { entity: ctx.t(`entity.${entity}`) });
}
