/**
 * The recall notice 召回通知 a unit receives: which lot, why, how much it got and when, and what
 * to do (stop using it, count what is left, return it or report it used or destroyed), with a
 * reply slip to sign and stamp. One page per unit; all of a recall's units in one file.
 */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper } from '../../shared/contract/documents.ts';
import type { Recall } from '../../shared/contract/trace.ts';
import { day, esc, htmlDocument, minute, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, metaHtml, pageFooterCss, sheetCss, type Column } from './sheet.ts';

export const recallNoticeTitle = (recall: Recall, locale: Locale): string => `${translator(locale)('trace.doc.noticeTitle')} ${recall.no}`;

export function recallNoticeHtml(data: { depotName: string; recall: Recall; unitIds: number[]; printedAt: string }, locale: Locale, options: { paper: DocPaper }): string {
  const t = translator(locale);
  const { recall } = data;
  const codes = codesFor(options.paper, recall.no);
  const name = recallNoticeTitle(recall, locale);
  const columns: Column[] = [
    { head: t('documents.col.itemName'), width: 26 },
    { head: t('documents.col.spec'), width: 16 },
    { head: t('documents.col.lotNo') },
    { head: t('documents.col.expiresOn') },
    { head: t('trace.col.lastDispatch') },
    { head: t('trace.col.received') },
  ];
  const sections = data.unitIds.map((unitId) => {
    const u = recall.units.find((x) => x.unitId === unitId)!;
    const meta: [string, string, string, string][] = [
      [t('trace.doc.to'), u.unitName, t('trace.doc.recallNo'), recall.no],
      [t('trace.col.contact'), `${u.contact} ${u.phone}`.trim(), t('trace.doc.issuedAt'), minute(data.printedAt)],
    ];
    const row =
      `<tr><td>${esc(recall.itemName)}<span class="sub">${esc(recall.itemCode)}</span></td><td>${esc(recall.spec)}</td><td class="nw">${esc(recall.lotNo)}</td>` +
      `<td class="c nw">${day(recall.expiresOn)}</td><td class="c nw">${day(u.lastDispatchAt)}</td><td class="n nw">${num(u.received)} ${esc(recall.unit)}</td></tr>`;
    const totals = `<span>${esc(t('trace.doc.reason') + t('documents.colon'))}<b>${esc(recall.reason)}</b></span>`;
    const tail =
      `<div class="remarks">${esc(t('trace.doc.instructions', { unit: recall.unit }))}</div>` +
      `<table class="reply"><tr><th colspan="4">${esc(t('trace.doc.reply'))}</th></tr>` +
      `<tr><td>${esc(t('trace.col.returned'))}：______ ${esc(recall.unit)}</td><td>${esc(t('trace.col.used'))}：______ ${esc(recall.unit)}</td>` +
      `<td>${esc(t('trace.col.destroyed'))}：______ ${esc(recall.unit)}</td><td>${esc(t('trace.doc.remaining'))}：______ ${esc(recall.unit)}</td></tr></table>` +
      `<div class="signs"><div>${esc(t('trace.doc.unitSeal'))}</div><div>${esc(t('trace.doc.handler'))}</div><div>${esc(t('trace.doc.replyDate'))}</div></div>`;
    return `<section class="copy" style="page: notice">
${headHtml({ depotName: data.depotName, title: t('trace.doc.noticeTitle'), stamps: [t('trace.doc.urgentStamp')], codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: `${name} · ${u.unitName}`, stamp: null }, [row], totals, tail)}
</section>`;
  });
  const css = `${sheetCss(options.paper)}
table.reply { width: 100%; border-collapse: collapse; margin-top: 2mm; }
table.reply th, table.reply td { border: 0.25mm solid #000; padding: 1.5mm; text-align: left; }
${pageFooterCss(t, [{ page: 'notice', left: name, part: null }], null)}`;
  return htmlDocument({ locale, title: name, css, body: sections.join('\n') });
}
