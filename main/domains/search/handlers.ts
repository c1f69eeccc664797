import type { searchChannels } from '../../../shared/contract/search.ts';
import type { DomainHandlers } from '../../core/handlers.ts';
import { findDocs, recentDocs } from './doc-search.ts';

export const searchHandlers: DomainHandlers<typeof searchChannels> = {
  'docs.find': ({ text }, ctx) => findDocs(ctx, text),
  'docs.recent': (_input, ctx) => recentDocs(ctx),
};
