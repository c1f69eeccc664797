/** The purchase order (采购单) as sent to the supplier: lines at their pack levels, prices, promised dates, and what has come so far. */
import type { Locale } from '../../shared/domain.ts';
import type { PurchaseOrder } from '../../shared/contract/supply.ts';
import { toChineseCapital } from './capital.ts';
import { packBreakdown } from './slip.ts';
import { day, esc, htmlDocument, money, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, metaHtml, pageFooterCss, sheetCss, type Column } from './sheet.ts';

export function purchaseOrderTitle(po: PurchaseOrder, locale: Locale): string {
  return `${translator(locale)('entity.purchase_order')} ${po.no}`;
}

/** `reprint`: 0 on the first print; n marks the paper 补打（第n次）. */
export function purchaseOrderHtml(data: { depotName: string; order: PurchaseOrder; reprint?: number }, locale: Locale): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const po = data.order;
  const columns: Column[] = [
    { head: t('documents.col.no') },
    { head: t('documents.col.itemName'), width: 24 },
    { head: t('documents.col.unit') },
    { head: t('supply.page.col.ordered') },
    { head: t('documents.col.packs') },
    { head: t('documents.col.unitPrice') },
    { head: t('documents.col.amount') },
    { head: t('supply.page.col.promisedOn') },
    { head: t('supply.page.col.received') },
    { head: t('supply.page.col.outstanding') },
  ];
  const rows = po.lines.map(
    (l) =>
      `<tr><td class="c nw">${l.lineNo}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span></td><td class="c nw">${esc(l.unit)}</td>` +
      `<td class="n nw">${num(l.ordered)}</td><td class="c nw">${esc(packBreakdown({ quantity: l.ordered, unit: l.unit, packs: l.packs }))}</td>` +
      `<td class="n nw">${l.unitPrice === null ? '' : money(l.unitPrice)}</td><td class="n nw">${l.unitPrice === null ? '' : money(l.unitPrice * l.ordered)}</td>` +
      `<td class="c nw">${esc(day(l.promisedOn))}</td><td class="n nw">${num(l.received)}</td><td class="n nw">${num(l.outstanding)}</td></tr>`,
  );
  const amount = po.totals.amount;
  const totals =
    `<span>${esc(t('documents.total.label') + colon)}<b>${esc(t('documents.total.kindsPieces', { kinds: num(new Set(po.lines.map((l) => l.itemId)).size), pieces: num(po.totals.ordered) }))}</b></span>` +
    (amount === null
      ? ''
      : `<span>${esc(t('documents.total.amount') + colon)}<b>¥${money(amount)}</b></span><span>${esc(t('documents.total.capital') + colon + t('documents.total.currency'))}<b>${toChineseCapital(amount)}</b></span>`);
  const meta: [string, string, string, string][] = [
    [t('supply.page.col.supplier'), po.supplierName, t('supply.page.col.no'), po.no],
    [t('supply.page.col.status'), t(`supply.poStatus.${po.status}`), t('supply.page.col.createdAt'), day(po.createdAt)],
  ];
  const tail = (po.note ? `<div class="remarks">${esc(t('documents.field.remarks') + colon + po.note)}</div>` : '') +
    `<div class="signs">${['buyer', 'approver', 'supplier'].map((k) => `<div>${esc(t(`supply.print.sign.${k}`) + colon)}</div>`).join('')}</div>`;
  const codes = codesFor('A4', po.no);
  const title = purchaseOrderTitle(po, locale);
  const reprint = data.reprint ? t('documents.reprint', { count: data.reprint }) : null;
  const body = `<section class="copy" style="page: po">
${headHtml({ depotName: data.depotName, title: t('entity.purchase_order'), stamps: reprint ? [reprint] : [], codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: title, stamp: reprint }, rows, totals, tail)}
</section>`;
  return htmlDocument({ locale, title, css: `${sheetCss('A4')}\n${pageFooterCss(t, [{ page: 'po', left: title, part: null }], null)}`, body });
}
