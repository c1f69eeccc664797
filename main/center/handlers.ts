import type { centerChannels } from '../../shared/contract/center.ts';
import type { DomainHandlers } from '../core/handlers.ts';
import { fetchCityViews } from './city-views.ts';
import { centerOwnsCatalogue } from './catalogue-pull.ts';

/** The depot's door to its command center's figures. */
export const centerHandlers: DomainHandlers<typeof centerChannels> = {
  'center.views': (_input, ctx) => fetchCityViews(ctx.store, ctx.session.locale),
  'center.catalogue': (_input, ctx) => ({ ownedByCenter: centerOwnsCatalogue(ctx.store) }),
};
