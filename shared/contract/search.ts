import { z } from 'zod';
import { query, Required } from './channel.ts';

/** The documents the desk numbers, and the page each opens on. */
export const DOC_KINDS = ['receipt', 'dispatch', 'stocktake', 'writeOff', 'recall', 'purchaseOrder', 'pledge'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** A document found by its number, or one the operator worked on lately. */
export interface DocHit {
  kind: DocKind;
  id: number;
  /** null for a draft that gets its number when posted. */
  no: string | null;
  /** The document's own status word key (draft, posted, approved…), '' where it has none. */
  status: string;
  /** When it was made or posted (ISO). */
  at: string;
  /** Who it concerns: the supplier, the receiving unit, the lot… */
  party: string;
}

export const searchChannels = {
  /** 单号搜索: any part of a document number (RK…, CK…, PD…, BS…, ZH…, CG…, RJ…), case ignored; at most 20, an exact number first. */
  'docs.find': query<DocHit[]>()(z.object({ text: Required(40) })),
  /** 最近单据: the last ten documents this operator made, posted or changed. */
  'docs.recent': query<DocHit[]>()(z.object({})),
};
