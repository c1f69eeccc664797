import type { StatsSummary, StatsWindow, Tally } from '../../shared/contract/ledger.ts';
import { SOURCE_TYPES, type SourceType } from '../../shared/contract/receiving.ts';
import { CATEGORIES, UNIT_TYPES, type Locale } from '../../shared/domain.ts';
import { i18nFor } from '../../shared/i18n/index.ts';
import { localDay } from '../core/doc-numbers.ts';
import { briefingText } from '../domains/ledger/briefing.ts';
import { dayStart } from '../domains/ledger/period.ts';
import { DISPATCH_DOCS, RECEIPT_DOCS } from '../domains/ledger/sides.ts';
import type { CenterStore } from './store.ts';
import { keptDocuments, keptFlows, type Flow } from './flows.ts';

/**
 * kept: from the sums kept as batches apply (main/center/flows.ts), milliseconds however long the
 * ledger; scan: from the movements themselves — the reference the kept figures are tested against.
 */
export type How = 'kept' | 'scan';

/** Net per item first (a reversal cancels its original), then kinds are the items left above zero — as the depot counts. */
function tally(rows: readonly { item: string; qty: number; amount: number }[]): Tally {
  const perItem = new Map<string, number>();
  let pieces = 0;
  let amount = 0;
  for (const r of rows) {
    perItem.set(r.item, (perItem.get(r.item) ?? 0) + r.qty);
    pieces += r.qty;
    amount += r.amount;
  }
  return { kinds: [...perItem.values()].filter((q) => q > 0).length, pieces, amount };
}

/** The window's flows, scanned from the movements: what the kept sums must equal (and did before them). */
async function scanFlows(center: CenterStore, from: string | null, to: string): Promise<Flow[]> {
  const { rows } = await center.pool.query<{ item: string; doc_type: string; source: string | null; unit_type: string | null; category: string; qty: string; amount: string }>(
    `SELECT item_code AS item, doc_type, source_type AS source, recipient_type AS unit_type, category, sum(qty) AS qty, sum(coalesce(amount, 0)) AS amount
       FROM movements WHERE doc_type <> 'move' AND ($1::timestamptz IS NULL OR at >= $1) AND at < $2
      GROUP BY 1, 2, 3, 4, 5`,
    [from, to],
  );
  return rows.map((r) => ({ item: r.item, docType: r.doc_type, source: r.source, unitType: r.unit_type, category: r.category, qty: Number(r.qty), amount: Number(r.amount) }));
}

/** 笔 as the depots count them, scanned: postings that moved stock, opening stock left out, an original reversed within the window not counted. */
async function scanDocuments(center: CenterStore, from: string | null, to: string): Promise<{ inbound: number; outbound: number }> {
  const count = async (docType: string) =>
    Number(
      (
        await center.pool.query<{ n: string }>(
          `SELECT count(DISTINCT (m.depot_code, m.doc_no)) AS n FROM movements m
            WHERE m.doc_type = $3 AND coalesce(m.source_type, '') <> 'opening' AND ($1::timestamptz IS NULL OR m.at >= $1) AND m.at < $2
              AND NOT EXISTS (SELECT 1 FROM movements r WHERE r.depot_code = m.depot_code AND r.reverses_id = m.depot_row_id
                            AND r.doc_type IN ('receipt_reversal', 'dispatch_reversal') AND r.at < $2)`,
          [from, to, docType],
        )
      ).rows[0]!.n,
    );
  return { inbound: await count('receipt'), outbound: await count('dispatch') };
}

/** Reversals (红冲) in the window of postings made before it, as the goods moved. */
async function reversedEarlier(center: CenterStore, from: string | null, to: string): Promise<StatsWindow['reversedEarlier']> {
  const empty = { documents: 0, kinds: 0, pieces: 0, amount: 0 };
  if (from === null) return { inbound: empty, outbound: empty };
  const side = async (docType: string) => {
    const { rows } = await center.pool.query<{ item: string; doc: string; qty: string; amount: string }>(
      `SELECT m.item_code AS item, m.depot_code || ' ' || m.doc_no AS doc, sum(m.qty) AS qty, sum(coalesce(m.amount, 0)) AS amount
         FROM movements m JOIN movements o ON o.depot_code = m.depot_code AND o.depot_row_id = m.reverses_id
        WHERE m.doc_type = $3 AND m.reverses_id IS NOT NULL AND m.at >= $1 AND m.at < $2 AND o.at < $1 GROUP BY 1, 2`,
      [from, to, docType],
    );
    const t = tally(rows.map((r) => ({ item: r.item, qty: Math.abs(Number(r.qty)), amount: Math.abs(Number(r.amount)) })));
    return { documents: new Set(rows.map((r) => r.doc)).size, ...t };
  };
  return { inbound: await side('receipt_reversal'), outbound: await side('dispatch_reversal') };
}

const receiptDocs = new Set<string>(RECEIPT_DOCS);
const dispatchDocs = new Set<string>(DISPATCH_DOCS);

async function window(center: CenterStore, from: string | null, to: string, rows: Flow[], how: How): Promise<StatsWindow> {
  const received = rows.filter((r) => receiptDocs.has(r.docType));
  const supply = received.filter((r) => r.source !== 'opening' && r.source !== 'return');
  const dispatched = rows.filter((r) => dispatchDocs.has(r.docType)).map((r) => ({ ...r, qty: -r.qty, amount: -r.amount }));
  const groups = <K, R extends { qty: number }>(keys: readonly K[], of: (k: K) => R[]) => keys.map((k) => ({ k, rows: of(k) })).filter((g) => g.rows.length > 0);
  const unitTypes = [...UNIT_TYPES, null];
  return {
    from,
    to,
    received: {
      total: tally(supply),
      bySource: groups(
        SOURCE_TYPES.filter((s) => s !== 'opening' && s !== 'return'),
        (s) => supply.filter((r) => (r.source ?? 'other') === s),
      ).map((g) => ({ sourceType: g.k as SourceType, ...tally(g.rows) })),
      byCategory: groups(CATEGORIES, (c) => supply.filter((r) => r.category === c)).map((g) => ({ category: g.k, ...tally(g.rows) })),
    },
    dispatched: {
      total: tally(dispatched),
      byUnitType: groups(unitTypes, (u) => dispatched.filter((r) => r.unitType === u)).map((g) => ({ unitType: g.k, ...tally(g.rows) })),
      byCategory: groups(CATEGORIES, (c) => dispatched.filter((r) => r.category === c)).map((g) => ({ category: g.k, ...tally(g.rows) })),
      byUnitTypeCategory: unitTypes.flatMap((u) =>
        groups(CATEGORIES, (c) => dispatched.filter((r) => r.unitType === u && r.category === c)).map((g) => ({ unitType: u, category: g.k, ...tally(g.rows) })),
      ),
    },
    returned: tally(received.filter((r) => r.source === 'return')),
    writtenOff: tally(rows.filter((r) => r.docType === 'write_off').map((r) => ({ ...r, qty: -r.qty, amount: -r.amount }))),
    documents: await (how === 'kept' ? keptDocuments : scanDocuments)(center, from, to),
    reversedEarlier: await reversedEarlier(center, from, to),
  };
}

/**
 * The city's briefing: every depot's postings the center holds, summed, in the command center's
 * own sentences — the same figures and wording as a depot's 通报, with the city in the depot's place.
 * Each depot's part is as current as its last push.
 */
export async function citySummary(center: CenterStore, at: Date, locale: Locale, how: How = 'kept'): Promise<StatsSummary> {
  const moment = at.toISOString();
  const to = new Date(at.getTime() + 1).toISOString();
  const day = localDay(moment);
  const flows = how === 'kept' ? keptFlows : scanFlows;
  const [all, todays] = await Promise.all([flows(center, null, to), flows(center, dayStart(day), to)]);
  const [today, cumulative] = await Promise.all([window(center, dayStart(day), to, todays, how), window(center, null, to, all, how)]);
  return { at: moment, day, depotName: i18nFor(locale).t('center.briefingName'), today, cumulative, onHand: tally(all) };
}

export async function cityBriefing(center: CenterStore, at: Date, locale: Locale): Promise<{ text: string; summary: StatsSummary }> {
  const summary = await citySummary(center, at, locale);
  return { text: briefingText(summary, locale), summary };
}
