/**
 * The write-off voucher 报损单: lines by lot and location with the book value that left, the reason,
 * and the disposal record (how, by whom, before which witness) signed by all three and the approver.
 */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper } from '../../shared/contract/documents.ts';
import type { WriteOff } from '../../shared/contract/trace.ts';
import { toChineseCapital } from './capital.ts';
import { day, esc, htmlDocument, minute, money, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, lotClass, metaHtml, pageFooterCss, sheetCss, type Column } from './sheet.ts';

export const writeOffTitle = (w: WriteOff, locale: Locale): string => `${translator(locale)('trace.doc.writeOffTitle')} ${w.no ?? ''}`.trim();

export function writeOffHtml(data: { depotName: string; writeOff: WriteOff }, locale: Locale, options: { paper: DocPaper }): string {
  const t = translator(locale);
  const w = data.writeOff;
  const codes = codesFor(options.paper, w.no);
  const name = writeOffTitle(w, locale);
  const columns: Column[] = [
    { head: t('documents.col.no') },
    { head: t('documents.col.itemName'), width: 24 },
    { head: t('documents.col.spec'), width: 14 },
    { head: t('documents.col.lotNo') },
    { head: t('documents.col.expiresOn') },
    { head: t('documents.col.location') },
    { head: t('documents.col.quantity') },
    { head: t('trace.col.amount') },
  ];
  const rows = w.lines.map(
    (l) =>
      `<tr><td class="c nw">${l.lineNo}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span></td><td>${esc(l.spec)}</td>` +
      `<td class="${lotClass(l.lotNo)}">${esc(l.lotNo)}</td><td class="c nw">${day(l.expiresOn)}</td><td class="nw">${esc(l.locationCode)}</td>` +
      `<td class="n nw">${num(l.qty)} ${esc(l.unit)}</td><td class="n nw">${l.amount === null ? esc(t('trace.doc.unpriced')) : money(l.amount)}</td></tr>`,
  );
  const meta: [string, string, string, string][] = [
    [t('trace.doc.writeOffNo'), w.no ?? t('trace.doc.draft'), t('trace.doc.writeOffReason'), t(`trace.reason.${w.reason}`) + (w.note ? `：${w.note}` : '')],
    [t('trace.field.disposal'), w.disposal, t('trace.doc.postedAt'), minute(w.postedAt)],
    [t('trace.field.disposedBy'), w.disposedBy, t('trace.field.witness'), w.witness],
  ];
  const amount = w.totals.amount;
  const totals =
    `<span>${esc(t('documents.total.label') + t('documents.colon'))}<b>${esc(t('trace.doc.totalQty', { lines: num(w.lines.length), qty: num(w.totals.qty) }))}</b></span>` +
    (amount === null ? '' : `<span>${esc(t('trace.col.amount') + t('documents.colon'))}<b>${money(amount)}</b>（${esc(toChineseCapital(amount))}）</span>`);
  const tail = `<div class="signs"><div>${esc(t('trace.doc.maker'))}${esc(w.createdBy)}</div><div>${esc(t('trace.doc.approver'))}${esc(w.postedBy ?? '')}</div><div>${esc(t('trace.field.disposedBy'))}：</div><div>${esc(t('trace.field.witness'))}：</div></div>`;
  const stamps = w.status === 'draft' ? [t('trace.doc.draft')] : [];
  const body = `<section class="copy" style="page: writeoff">
${headHtml({ depotName: data.depotName, title: t('trace.doc.writeOffTitle'), stamps, codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: name, stamp: null }, rows, totals, tail)}
</section>`;
  const css = `${sheetCss(options.paper)}
${pageFooterCss(t, [{ page: 'writeoff', left: name, part: null }], null)}`;
  return htmlDocument({ locale, title: name, css, body });
}
