/** The dispatch slip 出库单 / transfer order 调拨单: one page set per copy (存根, 随货, 回执). */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper, SlipCopy, SlipData, SlipLine } from '../../shared/contract/documents.ts';
import { splitIntoPacks } from '../../shared/packs.ts';
import { toChineseCapital } from './capital.ts';
import { day, minute, esc, htmlDocument, money, num, translator } from './html.ts';
import { codesFor, headHtml, linesTableHtml, lotClass, metaHtml, pageFooterCss, sheetCss, signsHtml, type Column } from './sheet.ts';

export interface SlipOptions {
  paper: DocPaper;
  /** Pages each part takes, measured by the caller: each part is then numbered on its own (see pageFooterCss). */
  pagesPerPart?: number | null;
}

/** "12箱+30只"; '' when the item has no packs or the quantity is less than its smallest pack. */
export function packBreakdown(line: Pick<SlipLine, 'quantity' | 'unit' | 'packs'>): string {
  const smallest = Math.min(...line.packs.map((p) => p.per));
  if (line.packs.length === 0 || line.quantity < smallest) return '';
  return splitIntoPacks(line.quantity, line.unit, line.packs, '+');
}

/** Kinds 种 are distinct items (an item picked from two lots counts once); pieces 件 are base units. */
export function slipTotals(lines: SlipLine[]): { kinds: number; pieces: number; amount: number | null; partlyPriced: boolean; unpricedPieces: number } {
  const priced = lines.filter((l) => l.amount !== null);
  return {
    kinds: new Set(lines.map((l) => l.itemCode)).size,
    pieces: lines.reduce((sum, l) => sum + l.quantity, 0),
    amount: priced.length === 0 ? null : priced.reduce((sum, l) => sum + l.amount!, 0),
    partlyPriced: priced.length > 0 && priced.length < lines.length,
    unpricedPieces: lines.filter((l) => l.amount === null).reduce((sum, l) => sum + l.quantity, 0),
  };
}

export function slipTitle(data: SlipData, locale: Locale): string {
  return `${translator(locale)(`documents.title.${data.docType}`)} ${data.orderNo}`;
}

export function slipHtml(data: SlipData, locale: Locale, options: SlipOptions): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const sep = t('documents.separator');
  const title = t(`documents.title.${data.docType}`);
  const reprint = data.reprint > 0 ? t('documents.reprint', { count: data.reprint }) : null;
  // A 红冲 voucher brings goods back: its figures are negative, in red, so it never reads as a shipment.
  const sign = data.reverses ? -1 : 1;
  const stamps = [
    ...(data.reverses ? [t('documents.reverses', { no: data.reverses.no })] : []),
    ...(data.reversedBy ? [t('documents.reversedByAt', { no: data.reversedBy.no, at: day(data.reversedBy.at) })] : []),
    ...(data.signedOff ? [t('documents.signedOff', { receiver: data.signedOff.receiver, at: minute(data.signedOff.at) })] : []),
    ...(reprint ? [reprint] : []),
  ];
  const totals = slipTotals(data.lines);
  const priced = totals.amount !== null;

  const columns: Column[] = [
    { head: t('documents.col.no') },
    { head: t('documents.col.itemName'), width: priced ? 20 : 26 },
    { head: t('documents.col.spec'), width: priced ? 14 : 20 },
    { head: t('documents.col.unit') },
    { head: t('documents.col.lotNo') },
    { head: t('documents.col.expiresOn') },
    { head: t('documents.col.quantity') },
    { head: t('documents.col.packs') },
    ...(priced ? [{ head: t('documents.col.unitPrice') }, { head: t('documents.col.amount') }] : []),
  ];
  const rows = data.lines.map(
    (l, i) =>
      `<tr><td class="c nw">${i + 1}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span></td><td>${esc(l.spec)}</td>` +
      `<td class="c nw">${esc(l.unit)}</td><td class="${lotClass(l.lotNo)}">${esc(l.lotNo)}</td><td class="c nw">${day(l.expiresOn)}</td>` +
      `<td class="n nw">${num(sign * l.quantity)}</td><td class="c nw">${esc(packBreakdown(l))}</td>` +
      (priced ? `<td class="n nw">${l.unitPrice === null ? '' : money(l.unitPrice)}</td><td class="n nw">${l.amount === null ? '' : money(sign * l.amount)}</td>` : '') +
      `</tr>`,
  );

  const r = data.recipient;
  const meta: [string, string, string, string][] = [
    [t('documents.field.recipient'), r.name, t('documents.field.orderNo'), data.orderNo],
    [t('documents.field.address'), r.address, t('documents.field.createdAt'), day(data.createdAt)],
    [t('documents.field.contact'), [r.contact, r.phone].filter(Boolean).join('  '), t('documents.field.shippedAt'), day(data.shippedAt)],
    [t('documents.field.vehicle'), [data.vehicle, data.driver, data.driverPhone].filter(Boolean).join('  '), t('documents.field.approver'), data.approver],
  ];

  const total = totals.amount === null ? null : sign * totals.amount;
  // Partly priced: the priced lines' amount with the unpriced pieces named, and no 大写, which
  // would read as the value of the whole order (the order's screen says the same).
  const amount =
    total === null
      ? ''
      : totals.partlyPriced
        ? `<span>${esc(t('documents.total.amount') + colon)}<b>¥${money(total)}</b>${esc(t('documents.total.unpricedPart', { pieces: num(sign * totals.unpricedPieces) }))}</span>`
        : `<span>${esc(t('documents.total.amount') + colon)}<b>¥${money(total)}</b></span>` +
          `<span>${esc(t('documents.total.capital') + colon + t('documents.total.currency'))}<b>${toChineseCapital(total)}</b></span>`;
  const totalsHtml = `<span>${esc(t('documents.total.label') + colon)}<b>${esc(t('documents.total.kindsPieces', { kinds: num(totals.kinds), pieces: num(sign * totals.pieces) }))}</b></span>${amount}`;
  const remarks = data.reverses ? `${t('documents.reversalReason')}${colon}${data.reverses.reason}` : data.remarks ? t('documents.field.remarks') + colon + data.remarks : '';
  // Multi-part paper: one set; the footer names which coloured ply is which part.
  const plies = data.plies && data.plies.length > 0 ? `<div class="remarks">${esc(t('documents.plies', { list: data.plies.map((p, i) => `${t(`documents.plyColour.${i}`)} ${t(`documents.copyShort.${p}`)}`).join(' / ') }))}</div>` : '';
  const tail = (remarks ? `<div class="remarks">${esc(remarks)}</div>` : '') + signsHtml(t, ['shipper', 'carrier', 'receiver', 'approver']) + plies;

  const codes = codesFor(options.paper, data.orderNo);
  // No copies asked for: one page set without a copy label.
  const copies: (SlipCopy | null)[] = data.copies.length > 0 ? data.copies : [null];
  const body = copies
    .map((copy) => {
      const copyLabel = copy ? t(`documents.copy.${copy}`) : undefined;
      const running = [title, data.orderNo, ...(copyLabel ? [copyLabel] : [])].join(sep);
      return `<section class="copy${data.reverses ? ' red-ink' : ''}" style="page: ${partPage(copy)}">
${headHtml({ depotName: data.depotName, title, ...(copy ? { copyLabel, copyHint: t(`documents.copyHint.${copy}`) } : {}), stamps, codes })}
${metaHtml(meta, codes)}
${linesTableHtml(columns, { text: running, stamp: reprint }, rows, totalsHtml, tail)}
</section>`;
    })
    .join('\n');

  const footer = pageFooterCss(
    t,
    copies.map((copy) => ({ page: partPage(copy), left: slipTitle(data, locale), part: copy && copies.length > 1 ? t(`documents.copyShort.${copy}`) : null })),
    options.pagesPerPart ?? null,
  );
  return htmlDocument({ locale, title: slipTitle(data, locale), css: `${sheetCss(options.paper)}\n${footer}`, body });
}

const partPage = (copy: SlipCopy | null) => `part-${copy ?? 'all'}`;
