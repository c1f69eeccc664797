/** The donation certificate (捐赠接收凭证) the depot gives a donor for one posted donation receipt. */
import type { Locale } from '../../shared/domain.ts';
import type { Receipt } from '../../shared/contract/receiving.ts';
import { toChineseCapital } from './capital.ts';
import { day, esc, htmlDocument, money, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, metaHtml, pageFooterCss, sheetCss, signsHtml, type Column } from './sheet.ts';

export interface CertificateData {
  depotName: string;
  receipt: Receipt;
  /** The pledge the goods came against, and the donor's kind as pledged. */
  pledge: { no: string; donorKind: string } | null;
  /** 0 on the first print; n marks the paper 补打（第n次）. */
  reprint?: number;
}

export function certificateTitle(data: CertificateData, locale: Locale): string {
  return `${translator(locale)('supply.certificate.title')} ${data.receipt.no ?? ''}`;
}

export function certificateHtml(data: CertificateData, locale: Locale): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const r = data.receipt;
  // What the depot took in is what it certifies: rejected goods went back and are no gift.
  const lines = r.lines.filter((l) => l.accepted > 0);
  const columns: Column[] = [
    { head: t('documents.col.no') },
    { head: t('documents.col.itemName'), width: 26 },
    { head: t('documents.col.spec'), width: 16 },
    { head: t('documents.col.unit') },
    { head: t('documents.col.quantity') },
    { head: t('supply.certificate.unitValue') },
    { head: t('supply.certificate.value') },
  ];
  const rows = lines.map(
    (l, i) =>
      `<tr><td class="c nw">${i + 1}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span></td><td>${esc(l.spec)}</td>` +
      `<td class="c nw">${esc(l.unit)}</td><td class="n nw">${num(l.accepted)}</td>` +
      `<td class="n nw">${l.unitCost === null ? '' : money(l.unitCost)}</td><td class="n nw">${l.unitCost === null ? '' : money(l.unitCost * l.accepted)}</td></tr>`,
  );
  const declared = lines.filter((l) => l.unitCost !== null).reduce((a, l) => a + l.unitCost! * l.accepted, 0);
  const undeclared = lines.filter((l) => l.unitCost === null).reduce((a, l) => a + l.accepted, 0);
  const kinds = new Set(lines.map((l) => l.itemId)).size;
  const pieces = lines.reduce((a, l) => a + l.accepted, 0);
  const totals =
    `<span>${esc(t('documents.total.label') + colon)}<b>${esc(t('documents.total.kindsPieces', { kinds: num(kinds), pieces: num(pieces) }))}</b></span>` +
    `<span>${esc(t('supply.certificate.totalValue') + colon)}<b>¥${money(declared)}</b></span>` +
    `<span>${esc(t('documents.total.capital') + colon + t('documents.total.currency'))}<b>${toChineseCapital(declared)}</b></span>` +
    (undeclared > 0 ? `<span>${esc(t('supply.certificate.undeclared', { pieces: num(undeclared) }))}</span>` : '');
  const meta: [string, string, string, string][] = [
    [t('supply.certificate.no'), r.no ?? '', t('supply.certificate.receivedOn'), day(r.receivedAt)],
    [t('supply.certificate.donor'), r.supplierName ?? '', t('supply.certificate.donorKind'), data.pledge ? t(`supply.donorKind.${data.pledge.donorKind}`) : ''],
    [t('supply.certificate.pledge'), data.pledge?.no ?? '', t('documents.field.operator'), r.postedBy ?? r.createdBy],
  ];
  const thanks = `<div class="remarks">${esc(t('supply.certificate.thanks', { donor: r.supplierName ?? '', depot: data.depotName }))}</div>`;
  const codes = codesFor('A4', r.no);
  const title = certificateTitle(data, locale);
  const reprint = data.reprint ? t('documents.reprint', { count: data.reprint }) : null;
  const body = `<section class="copy" style="page: certificate">
${headHtml({ depotName: data.depotName, title: t('supply.certificate.title'), stamps: reprint ? [reprint] : [], codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: title, stamp: reprint }, rows, totals, thanks + signsHtml(t, ['keeper', 'approver']) + `<div class="signs"><div>${esc(t('supply.certificate.seal') + colon)}</div></div>`)}
</section>`;
  const footer = pageFooterCss(t, [{ page: 'certificate', left: title, part: null }], null);
  return htmlDocument({ locale, title, css: `${sheetCss('A4')}\n${footer}`, body });
}
