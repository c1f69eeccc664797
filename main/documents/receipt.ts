/** The inbound receipt 入库单 (and its reversal 入库红冲单), printed from the receiving domain's Receipt as it is. */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper, ReceiptDocData } from '../../shared/contract/documents.ts';
import type { Receipt } from '../../shared/contract/receiving.ts';
import { toChineseCapital } from './capital.ts';
import { packBreakdown } from './slip.ts';
import { day, esc, htmlDocument, minute, money, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, lotClass, metaHtml, pageFooterCss, sheetCss, signsHtml, type Column } from './sheet.ts';

export interface ReceiptOptions {
  paper: DocPaper;
}

export function receiptTitle(receipt: Receipt, locale: Locale): string {
  const t = translator(locale);
  return [t(receipt.reversesId !== null ? 'documents.title.receiptReversal' : 'documents.title.receipt'), receipt.no ?? t('documents.draft')].join(' ');
}

export function receiptHtml(data: ReceiptDocData, locale: Locale, options: ReceiptOptions): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const r = data.receipt;
  const title = t(r.reversesId !== null ? 'documents.title.receiptReversal' : 'documents.title.receipt');
  const reprint = data.reprint > 0 ? t('documents.reprint', { count: data.reprint }) : null;
  const stamps = [
    ...(r.status === 'draft' ? [t('documents.draft')] : []),
    ...(r.reversesNo ? [t('documents.reverses', { no: r.reversesNo })] : []),
    ...(r.reversedByNo ? [t('documents.reversedBy', { no: r.reversedByNo })] : []),
    ...(reprint ? [reprint] : []),
  ];
  const priced = r.lines.some((l) => l.unitCost !== null);
  // A reversal (入库红冲单) takes goods back out: every figure prints negative, in red ink, 大写 with 负.
  const sign = r.reversesId !== null ? -1 : 1;
  const signed = (n: number) => num(sign * n || 0);

  const columns: Column[] = [
    { head: t('documents.col.no') },
    { head: t('documents.col.itemName'), width: priced ? 19 : 22 },
    { head: t('documents.col.spec'), width: priced ? 11 : 16 },
    { head: t('documents.col.unit') },
    { head: t('documents.col.lotNo') },
    { head: t('documents.col.dates') },
    { head: t('documents.col.counted') },
    { head: t('documents.col.accepted') },
    { head: t('documents.col.rejected'), width: 9 },
    { head: t('documents.col.location') },
    ...(priced ? [{ head: t('documents.col.unitPrice') }, { head: t('documents.col.amount') }] : []),
  ];
  const rows = r.lines.map((l, i) => {
    const dates = [l.producedOn ? t('documents.produced', { date: day(l.producedOn) }) : '', l.expiresOn ? t('documents.expires', { date: day(l.expiresOn) }) : '']
      .filter(Boolean)
      .map((d) => `<span class="sub nw">${esc(d)}</span>`)
      .join('');
    const amount = l.unitCost === null ? null : sign * l.unitCost * l.accepted;
    // 包装件数 of the accepted quantity under it: the cartons that go on the shelf.
    const packed = packBreakdown({ quantity: l.accepted, unit: l.unit, packs: l.packs });
    // It may break only after a "+": "包装 15箱+" / "19盒+20只", never inside a pack.
    const chunks = packed.split('+').map((p, i, all) => `<span class="nw">${esc(i === 0 ? t('documents.packsOf', { packs: p }) : p)}${i < all.length - 1 ? '+' : ''}</span>`);
    const packs = packed ? `<span class="sub packs">${chunks.join('')}</span>` : '';
    // Each line says how it was inspected: a pending (待检) quantity is received, not yet accepted.
    const status = `<span class="sub${l.inspection === 'pending' ? ' pending' : ''}">${esc(t(`documents.inspection.${l.inspection}`))}</span>`;
    return (
      `<tr><td class="c nw">${i + 1}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span></td><td>${esc(l.spec)}</td>` +
      `<td class="c nw">${esc(l.unit)}</td><td class="${lotClass(l.lotNo)}">${esc(l.lotNo)}</td><td class="c">${dates}</td>` +
      `<td class="n nw">${signed(l.counted)}</td><td class="n nw">${signed(l.accepted)}${status}${packs}</td>` +
      `<td class="n">${l.rejected > 0 ? signed(l.rejected) : ''}${l.rejectReason ? `<span class="sub">${esc(l.rejectReason)}</span>` : ''}</td>` +
      `<td class="c nw">${esc(l.locationCode)}</td>` +
      (priced ? `<td class="n nw">${l.unitCost === null ? '' : money(l.unitCost)}</td><td class="n nw">${amount === null ? '' : money(amount)}</td>` : '') +
      `</tr>`
    );
  });

  const meta: [string, string, string, string][] = [
    [t('documents.field.source'), t(`sourceType.${r.sourceType}`), t('documents.field.orderNo'), r.no ?? ''],
    [t('documents.field.supplier'), r.supplierName ?? r.unitName ?? '', t('documents.field.receivedAt'), minute(r.receivedAt)],
    [t('documents.field.reference'), r.reference, t('documents.field.operator'), r.createdBy],
    [t('documents.field.vehicle'), r.vehicle, t('documents.field.postedBy'), [r.postedBy ?? '', day(r.postedAt)].filter(Boolean).join('  ')],
  ];

  const kinds = new Set(r.lines.map((l) => l.itemId)).size;
  const total = r.totals.amount === null ? null : sign * r.totals.amount;
  const amount =
    total === null
      ? ''
      : `<span>${esc(t('documents.total.amount') + colon)}<b>¥${money(total)}</b></span>` +
        `<span>${esc(t('documents.total.capital') + colon + t('documents.total.currency'))}<b>${toChineseCapital(total)}</b></span>`;
  // Pending lines are received but not accepted: they stay out of the accepted total, said apart.
  const pending = r.lines.filter((l) => l.inspection === 'pending').reduce((n, l) => n + l.accepted, 0);
  const quantities = t('documents.total.receiptQty', { counted: signed(r.totals.counted), accepted: signed(r.totals.accepted - pending), rejected: signed(r.totals.rejected) });
  const totals =
    `<span>${esc(t('documents.total.label') + colon)}<b>${esc(t('documents.total.kinds', { kinds: num(kinds) }))}</b>  ` +
    `${esc(pending > 0 ? quantities + t('documents.total.pendingQty', { pending: signed(pending) }) : quantities)}</span>${amount}`;

  const tail =
    inspectionHtml(r, locale) +
    (r.note ? `<div class="remarks">${esc(t('documents.field.remarks') + colon + r.note)}</div>` : '') +
    signsHtml(t, ['deliverer', 'inspector', 'keeper', 'approver']);
  const codes = codesFor(options.paper, r.no);
  const body = `<section class="copy${sign < 0 ? ' red-ink' : ''}" style="page: receipt">
${headHtml({ depotName: data.depotName, title, stamps, codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: receiptTitle(r, locale), stamp: reprint }, rows, totals, tail)}
</section>`;
  const footer = pageFooterCss(t, [{ page: 'receipt', left: receiptTitle(r, locale), part: null }], null);
  return htmlDocument({ locale, title: receiptTitle(r, locale), css: `${sheetCss(options.paper)}\n${footer}`, body });
}

/** The acceptance check in one line; a reversal carries none. */
function inspectionHtml(r: Receipt, locale: Locale): string {
  const i = r.inspection;
  if (!i?.result) return '';
  const t = translator(locale);
  const colon = t('documents.colon');
  const docs = (i.documents ?? []).map((d) => `${t(`documents.docKind.${d.kind}`)}${d.checked ? '✓' : '✗'}${d.expiresOn ? ` (${day(d.expiresOn)})` : ''}`).join(' ');
  const parts = [
    t('documents.field.inspection') + colon + t(`documents.result.${i.result}`),
    i.standard ? t('documents.field.standard') + colon + i.standard : '',
    t('documents.field.packaging') + colon + t(`documents.packaging.${i.packaging}`),
    docs ? t('documents.field.documents') + colon + docs : '',
    i.inspector ? t('documents.field.inspector') + colon + i.inspector : '',
    i.note,
  ].filter(Boolean);
  return `<div class="remarks">${esc(parts.join(t('documents.listSep')))}</div>`;
}
