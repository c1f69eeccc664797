/** The public disclosure (捐赠公示) as a printable page: each donation, what came in, and where it went. */
import type { Locale } from '../../shared/domain.ts';
import type { DonationTrace } from '../../shared/contract/supply.ts';
import { day, esc, htmlDocument, num, translator } from './html.ts';
import { headHtml, linesTableHtml, pageFooterCss, sheetCss, type Column } from './sheet.ts';

export function disclosureTitle(depot: string, locale: Locale): string {
  return translator(locale)('supply.disclosure.title', { depot });
}

export function disclosureHtml(data: { depotName: string; donations: DonationTrace[]; period: string }, locale: Locale): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const col = (key: string, width?: number): Column => ({ head: t(`supply.disclosure.col.${key}`), ...(width ? { width } : {}) });
  const columns = [col('donation'), col('receivedOn'), col('donor', 16), col('item', 14), col('received'), col('recipient', 20), col('dispatchedOn'), col('qty')];
  const rows: string[] = [];
  const totals = { received: 0, dispatched: 0, remaining: 0 };
  for (const d of data.donations) {
    for (const l of d.lines) {
      totals.received += l.received;
      totals.dispatched += l.dispatched;
      totals.remaining += l.remaining;
      // Each destination on its own row; what is still in the depot closes the line's rows.
      const goes = [
        ...l.destinations.map((to) => [to.unitName, day(to.at), num(to.qty)]),
        ...(l.remaining > 0 ? [[t('supply.disclosure.inStock'), '', num(l.remaining)]] : []),
      ];
      goes.forEach(([where, when, qty], i) => {
        const head = i === 0 ? [d.no, day(d.receivedAt), d.donorName, l.itemName, `${num(l.received)}${l.unit}`] : ['', '', '', '', ''];
        rows.push(
          `<tr>${head.map((v, j) => `<td class="${j === 4 ? 'n nw' : j < 2 ? 'c nw' : ''}">${esc(v)}</td>`).join('')}` +
            `<td>${esc(where!)}</td><td class="c nw">${esc(when!)}</td><td class="n nw">${esc(qty!)}</td></tr>`,
        );
      });
    }
  }
  if (rows.length === 0) rows.push(`<tr><td colspan="${columns.length}" class="c">${esc(t('supply.disclosure.none'))}</td></tr>`);
  const sum = `<span>${esc(t('supply.disclosure.total') + colon)}<b>${esc(t('supply.disclosure.sums', { received: num(totals.received), dispatched: num(totals.dispatched), remaining: num(totals.remaining) }))}</b></span>`;
  const title = disclosureTitle(data.depotName, locale);
  const body = `<section class="copy" style="page: disclosure">
${headHtml({ depotName: data.depotName, title: t('supply.disclosure.printTitle'), stamps: [], codes: null })}
<div class="remarks">${esc(data.period)}</div>
${linesTableHtml(columns, { text: title, stamp: null }, rows, sum, `<div class="remarks">${esc(t('supply.disclosure.footnote'))}</div>`)}
</section>`;
  return htmlDocument({ locale, title, css: `${sheetCss('A4')}\n${pageFooterCss(t, [{ page: 'disclosure', left: title, part: null }], null)}`, body });
}
