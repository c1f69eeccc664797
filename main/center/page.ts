import type { Locale } from '../../shared/domain.ts';
import { esc, htmlDocument, num, translator } from '../documents/html.ts';
import type { CenterStore } from './store.ts';
import { cityDispatched } from './views.ts';
import { cityViews } from './city-views.ts';
import { conflictText } from './transfers.ts';

const CSS = `
body { padding: 16px 24px; font-size: 14px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 4px 8px; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } .late { color: #b00; }
ul.briefing li { margin: 4px 0; }
`;

/**
 * The command center's page: each depot's lag, the city's cumulative dispatches as the briefing's
 * sentences, stock by item × depot, and the transfers between depots. Rendered on the server from
 * the same views the tests check, in the reader's language.
 */
export async function cityPage(center: CenterStore, locale: Locale, now = new Date()): Promise<string> {
  const t = translator(locale);
  // The same views a depot's 指挥中心 page shows, plus the per-category lines.
  const [{ depots: lag, stock, transfers, briefing: text }, dispatched] = await Promise.all([cityViews(center, locale, now), cityDispatched(center)]);
  const depots = lag.map((d) => d.code);
  const items = [...new Map(stock.map((r) => [r.itemCode, r])).values()];
  const onHand = new Map(stock.map((r) => [`${r.itemCode} ${r.depotCode}`, r.onHand]));
  const row = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
  const th = (text: string) => `<th>${esc(text)}</th>`;
  const td = (text: string, n = false) => `<td${n ? ' class="n"' : ''}>${esc(text)}</td>`;

  const lagTable = `<table>${row([th(t('center.page.depot')), th(t('center.page.sync'))])}${lag
    .map((d) => `<tr><td>${esc(`${d.name}（${d.code}）`)}</td><td${d.pending > 0 || d.gap ? ' class="late"' : ''}>${esc(d.text)}</td></tr>`)
    .join('')}</table>`;
  const briefing = `<ul class="briefing">${dispatched
    .map((c) => `<li>${esc(t('center.page.sentence', { category: t(`category.${c.category}`), kinds: num(c.kinds), pieces: num(c.pieces) }))}</li>`)
    .join('')}</ul>`;
  const stockTable = `<table>${row([th(t('center.page.item')), th(t('center.page.unit')), ...depots.map(th), th(t('center.page.total'))])}${items
    .map((i) => {
      const per = depots.map((d) => onHand.get(`${i.itemCode} ${d}`) ?? 0);
      return row([td(`${i.itemCode} ${i.itemName}`), td(i.unit), ...per.map((n) => td(num(n), true)), td(num(per.reduce((a, b) => a + b, 0)), true)]);
    })
    .join('')}</table>`;
  const transferTable = `<table>${row(['from', 'to', 'no', 'status', 'shipped', 'received', 'short'].map((k) => th(t(`center.page.transfer.${k}`))))}${transfers
    .map((x) => {
      const state = x.conflict
        ? `<td class="late">${esc(t(`center.page.state.${x.status}`))}<br>${esc(conflictText(x, locale))}</td>`
        : td(t(`center.page.state.${x.status}`));
      return row([td(x.fromDepot), td(x.toDepot), td(x.dispatchNo), state, td(num(x.shipped), true), td(num(x.received), true), td(num(x.short), true)]);
    })
    .join('')}</table>`;

  const short = stock.filter((r) => r.shortfall > 0);
  const cover = (d: number | null) => (d === null ? '—' : t('center.page.days', { count: d }));
  const shortTable = `<table>${row(['item', 'depot', 'onHand', 'safety', 'shortfall', 'cover'].map((k) => th(t(`center.page.short.${k}`))))}${short
    .map((r) => row([td(`${r.itemCode} ${r.itemName}`), td(r.depotCode), td(num(r.onHand), true), td(num(r.safetyStock), true), td(num(r.shortfall), true), td(cover(r.daysOfCover), true)]))
    .join('')}</table>`;

  const body = `<h1>${esc(t('center.page.title'))}</h1>
<h2>${esc(t('center.page.depots'))}</h2>${lagTable}
<h2>${esc(t('center.page.briefing'))}</h2><p class="briefing-text">${esc(text)}</p>${dispatched.length > 0 ? briefing : ''}
<h2>${esc(t('center.page.shortfalls'))}</h2>${short.length > 0 ? shortTable : `<p>${esc(t('center.page.none'))}</p>`}
<h2>${esc(t('center.page.stock'))}</h2>${items.length > 0 ? stockTable : `<p>${esc(t('center.page.none'))}</p>`}
<h2>${esc(t('center.page.transfers'))}</h2>${transfers.length > 0 ? transferTable : `<p>${esc(t('center.page.none'))}</p>`}`;
  return htmlDocument({ locale, title: t('center.page.title'), css: CSS, body });
}
