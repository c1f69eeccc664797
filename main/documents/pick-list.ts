/**
 * The pick list 拣货单 of one order or a wave of orders: the storekeeper walks the depot once, in
 * the order of the rows (库位 → 物资 → 批号 → 数量 → 箱/盒), and ticks each row's box. A working
 * paper, not a voucher: it releases nothing and carries no 补打 count.
 */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper, PickListData } from '../../shared/contract/documents.ts';
import { day, esc, htmlDocument, minute, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, lotClass, metaHtml, pageFooterCss, sheetCss, signsHtml, type Column } from './sheet.ts';
import { packBreakdown } from './slip.ts';

export function pickListTitle(data: PickListData, locale: Locale): string {
  const t = translator(locale);
  return data.orders.length === 1 ? `${t('documents.title.pickList')} ${data.orders[0]!.no}` : t('documents.title.pickWave', { count: data.orders.length });
}

export function pickListHtml(data: PickListData, locale: Locale, options: { paper: DocPaper }): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const wave = data.orders.length > 1;
  const title = t('documents.title.pickList');
  const columns: Column[] = [
    { head: t('documents.col.check') },
    { head: t('documents.col.no') },
    { head: t('documents.col.location') },
    { head: t('documents.col.itemName'), width: wave ? 22 : 26 },
    { head: t('documents.col.spec'), width: wave ? 14 : 18 },
    { head: t('documents.col.lotNo') },
    { head: t('documents.col.expiresOn') },
    { head: t('documents.col.quantity') },
    { head: t('documents.col.packs') },
    ...(wave ? [{ head: t('documents.col.orders') }] : []),
  ];
  const rows = data.rows.map((r, i) => {
    // A new location starts under a heavier rule: the picker sees where one stop ends.
    const first = i === 0 || data.rows[i - 1]!.locationCode !== r.locationCode;
    const shares = r.orders.map((o) => `<span class="sub nw">${esc(o.no)} × ${num(o.quantity)}</span>`).join('');
    return (
      `<tr${first ? ' class="stop"' : ''}><td class="c"><span class="tick"></span></td><td class="c nw">${i + 1}</td><td class="nw loc">${esc(r.locationCode)}</td>` +
      `<td>${esc(r.itemName)}<span class="sub">${esc(r.itemCode)}</span></td><td>${esc(r.spec)}</td>` +
      `<td class="${lotClass(r.lotNo)}">${esc(r.lotNo)}</td><td class="c nw">${day(r.expiresOn)}</td>` +
      `<td class="n nw">${num(r.quantity)} ${esc(r.unit)}</td><td class="c nw">${esc(packBreakdown(r))}</td>` +
      (wave ? `<td>${shares}</td>` : '') +
      `</tr>`
    );
  });
  const units = [...new Set(data.orders.map((o) => o.unitName))];
  const meta: [string, string, string, string][] = [
    [t('documents.field.orderNo'), data.orders.map((o) => o.no).join(t('documents.listSep')), t('documents.field.printedAt'), minute(data.printedAt)],
    [t('documents.field.recipient'), units.join(t('documents.listSep')), t('documents.field.orderCount'), num(data.orders.length)],
  ];
  const totals = `<span>${esc(t('documents.total.label') + colon)}<b>${esc(
    t('documents.total.pickRows', {
      rows: num(data.rows.length),
      stops: num(new Set(data.rows.map((r) => r.locationCode)).size),
      kinds: num(new Set(data.rows.map((r) => r.itemCode)).size),
      pieces: num(data.rows.reduce((n, r) => n + r.quantity, 0)),
    }),
  )}</b></span>`;
  const tail = `<div class="remarks">${esc(t('documents.pickHint'))}</div>${signsHtml(t, ['picker', 'checker', 'date'])}`;
  const urgent = data.orders.filter((o) => o.urgent);
  const stamps = urgent.length === 0 ? [] : [wave ? t('documents.urgentOrders', { list: urgent.map((o) => o.no).join(t('documents.listSep')) }) : t('documents.urgent')];
  // One order: its number as codes, which is what the picking screen scans.
  const codes = wave ? null : codesFor(options.paper, data.orders[0]?.no ?? null);
  const name = pickListTitle(data, locale);
  const body = `<section class="copy" style="page: pick">
${headHtml({ depotName: data.depotName, title, stamps, codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: name, stamp: null }, rows, totals, tail)}
</section>`;
  const css = `${sheetCss(options.paper)}
table.lines tr.stop td { border-top-width: 0.6mm; }
table.lines td.loc { font-weight: 700; }
.tick { display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.3mm solid #000; vertical-align: middle; }
${pageFooterCss(t, [{ page: 'pick', left: name, part: null }], null)}`;
  return htmlDocument({ locale, title: name, css, body });
}
