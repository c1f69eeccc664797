import type { KeyObject } from 'node:crypto';
import type { CityViews } from '../../shared/contract/center.ts';
import type { Locale } from '../../shared/domain.ts';
import { DepotError } from '../core/errors.ts';
import type { Store } from '../store/db.ts';
import { cityBriefing } from './briefing.ts';
import type { CenterStore } from './store.ts';
import { postToCenter, type CenterLink } from './sync.ts';
import { transferStates } from './transfers.ts';
import { signedRequest } from './verify.ts';
import { cityStock, depotLag } from './views.ts';

/** At the center: the city's figures for a depot's 指挥中心 page. */
export async function cityViews(center: CenterStore, locale: Locale, now = new Date()): Promise<CityViews> {
  const [depots, stock, transfers, briefing] = await Promise.all([depotLag(center, now, locale), cityStock(center, now), transferStates(center), cityBriefing(center, now, locale)]);
  return { at: now.toISOString(), depots, briefing: briefing.text, stock, transfers };
}

interface Joined {
  depot: string;
  key: KeyObject;
  link: CenterLink;
}

/** The center a running depot server pushes to (set by its push loop): its desks ask the city's figures through it. */
const joined = new WeakMap<Store, Joined>();
export const rememberCenter = (store: Store, join: Joined): void => void joined.set(store, join);
export const forgetCenter = (store: Store): void => void joined.delete(store);

/** At a depot: the city's figures from its center, asked with the depot's signature (the center answers registered depots only). */
export async function fetchCityViews(store: Store, locale: Locale): Promise<CityViews> {
  const join = joined.get(store);
  if (!join) throw new DepotError('center_not_joined');
  let reply: { status: number; answer: { ok: boolean; views?: CityViews; message?: string } };
  try {
    reply = await postToCenter(join.link, '/v1/views', JSON.stringify(signedRequest(join.depot, join.key)), locale);
  } catch (e) {
    throw new DepotError('center_unreachable', { detail: (e as Error).message });
  }
  if (reply.status !== 200 || !reply.answer.ok || !reply.answer.views) throw new DepotError('center_unreachable', { detail: reply.answer.message ?? String(reply.status) });
  return reply.answer.views;
}
