/** The dispatch slip 出库单 / transfer order 调拨单: one page set per copy (存根, 随货, 回执). */
import type { Locale } from '../../shared/domain.ts';
import type { DocPaper, SlipCopy, SlipData, SlipLine } from '../../shared/contract/documents.ts';
import { splitIntoPacks } from '../../shared/packs.ts';
import { toChineseCapital } from './capital.ts';
import { day, minute, esc, htmlDocument, money, num, translator } from './html.ts';
import { pagesOf } from './page-subtotals.ts';
import { codesFor, headHtml, linesTableHtml, lotClass, metaHtml, pageFooterCss, sheetCss, signsHtml, type Column } from './sheet.ts';

export interface SlipOptions {
  paper: DocPaper;
  /** Pages each part takes, in order, measured by the caller: each part is then numbered on its own (see pageFooterCss). */
  partPages?: number[] | null;
  /**
   * Per layout (slipLayout, or 'whole' for one set without parts): the lines that begin the
   * second, third… page, planned by page-subtotals.ts; each page then closes with 本页小计. []
   * lays the lines out as one page with its subtotal row (the measuring pass); absent: no subtotals.
   */
  pageStarts?: Partial<Record<string, number[] | null>>;
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
    ...(data.urgent && !data.reverses ? [t('documents.urgent')] : []),
    ...(data.reverses ? [t('documents.reverses', { no: data.reverses.no })] : []),
    ...(data.reversedBy ? [t('documents.reversedByAt', { no: data.reversedBy.no, at: day(data.reversedBy.at) })] : []),
    ...(data.signedOff ? [t('documents.signedOff', { receiver: data.signedOff.receiver, at: minute(data.signedOff.at) })] : []),
    ...(reprint ? [reprint] : []),
  ];
  const totals = slipTotals(data.lines);
  const priced = totals.amount !== null;
  // The 回执 comes back signed: it carries what the unit received, short and damaged, as the
  // sign-off form asks (filled in on a reprint after sign-off), and the unit's stamp; it needs no
  // prices. On multi-part paper the one set has them all.
  const multiPart = (data.plies?.length ?? 0) > 0;
  const hasReceipt = (copy: SlipCopy | null) => !data.reverses && (copy === 'receipt' || (copy === null && (data.plies ?? []).includes('receipt')));
  const showPrices = (copy: SlipCopy | null) => priced && (!hasReceipt(copy) || multiPart);

  const columnsFor = (copy: SlipCopy | null): Column[] => {
    const prices = showPrices(copy);
    const receipt = hasReceipt(copy);
    const narrow = prices || receipt;
    return [
      { head: t('documents.col.no') },
      { head: t('documents.col.itemName'), width: narrow ? 20 : 26 },
      { head: t('documents.col.spec'), width: narrow ? 14 : 20 },
      { head: t('documents.col.unit') },
      { head: t('documents.col.lotNo') },
      { head: t('documents.col.expiresOn') },
      { head: t('documents.col.quantity') },
      { head: t('documents.col.packs') },
      ...(prices ? [{ head: t('documents.col.unitPrice') }, { head: t('documents.col.amount') }] : []),
      ...(receipt ? [{ head: t('documents.col.received') }, { head: t('documents.col.short') }, { head: t('documents.col.damaged') }] : []),
    ];
  };
  const signed = data.signedOff ? data.signedOff : null;
  const rowsFor = (copy: SlipCopy | null) =>
    data.lines.map((l, i) => {
      const short = l.short ?? 0;
      const damaged = l.damaged ?? 0;
      const received = signed
        ? `<td class="n nw">${num(l.quantity - short - damaged)}</td><td class="n nw">${short ? num(short) : ''}</td><td class="n nw">${damaged ? num(damaged) : ''}</td>`
        : '<td class="write"></td><td class="write"></td><td class="write"></td>';
      return (
        `<tr class="line"><td class="c nw">${i + 1}</td><td>${esc(l.itemName)}<span class="sub">${esc(l.itemCode)}</span>${l.donor ? `<span class="sub">${esc(t('documents.donor', { donor: l.donor }))}</span>` : ''}${l.codes?.length ? `<span class="sub">${esc(t('documents.codes', { codes: l.codes.join(t('documents.listSep')) }))}</span>` : ''}${l.note ? `<span class="sub note">${esc(t('documents.lineNote', { note: l.note }))}</span>` : ''}</td><td>${esc(l.spec)}</td>` +
        `<td class="c nw">${esc(l.unit)}</td><td class="${lotClass(l.lotNo)}">${esc(l.lotNo)}</td><td class="c nw">${day(l.expiresOn)}</td>` +
        `<td class="n nw">${num(sign * l.quantity)}</td><td class="c nw">${esc(packBreakdown(l))}</td>` +
        (showPrices(copy) ? `<td class="n nw">${l.unitPrice === null ? '' : money(l.unitPrice)}</td><td class="n nw">${l.amount === null ? '' : money(sign * l.amount)}</td>` : '') +
        (hasReceipt(copy) ? received : '') +
        `</tr>`
      );
    });

  const r = data.recipient;
  // The driver and the phone that reaches them each under their own label.
  const meta: [string, string, string, string][] = [
    [t('documents.field.recipient'), r.name, t('documents.field.orderNo'), data.orderNo],
    [t('documents.field.address'), r.address, t('documents.field.createdAt'), day(data.createdAt)],
    [t('documents.field.contact'), [r.contact, r.phone].filter(Boolean).join('  '), t('documents.field.shippedAt'), day(data.shippedAt)],
    [t('documents.field.vehicle'), data.vehicle, t('documents.field.approver'), data.approver],
    [t('documents.field.driver'), data.driver, t('documents.field.driverPhone'), data.driverPhone],
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
  // The driver's count: cartons, bags and boxes, and the loose units beside them.
  const packs = packTotals(data.lines);
  const enumSep = t('documents.enumSep');
  const packsText = packs.loose.length > 0 ? t('documents.total.packsLoose', { packs: packs.packs.join(enumSep), loose: packs.loose.join(enumSep) }) : packs.packs.join(enumSep);
  const packsHtml = packs.packs.length > 0 && !data.reverses ? `<span>${esc(t('documents.total.packs') + colon)}<b>${esc(packsText)}</b></span>` : '';
  // 本页小计: what the lines on one page add up to, as the 合计 says it for the whole slip.
  const subtotalFor = (copy: SlipCopy | null) => (rows: number[]) => {
    const page = slipTotals(rows.map((k) => data.lines[k]!));
    const pieces = t('documents.total.kindsPieces', { kinds: num(page.kinds), pieces: num(sign * page.pieces) });
    const money_ = showPrices(copy) && page.amount !== null ? `<span>${esc(t('documents.total.pageAmount') + colon)}<b>¥${money(sign * page.amount)}</b></span>` : '';
    return `<span>${esc(t('documents.total.pageSubtotal') + colon)}<b>${esc(pieces)}</b></span>${money_}`;
  };
  const pagesFor = (copy: SlipCopy | null) => {
    const starts = options.pageStarts?.[copy ? slipLayout(copy) : 'whole'];
    return starts ? { lines: pagesOf(data.lines.length, starts), subtotal: subtotalFor(copy) } : null;
  };
  const totalsFor = (copy: SlipCopy | null) =>
    `<span>${esc(t('documents.total.label') + colon)}<b>${esc(t('documents.total.kindsPieces', { kinds: num(totals.kinds), pieces: num(sign * totals.pieces) }))}</b></span>${packsHtml}${showPrices(copy) ? amount : ''}`;
  const remarks = data.reverses ? `${t('documents.reversalReason')}${colon}${data.reverses.reason}` : data.remarks ? t('documents.field.remarks') + colon + data.remarks : '';
  // Multi-part paper: one set; the footer names which coloured ply is which part.
  const plies = multiPart ? `<div class="remarks">${esc(t('documents.plies', { list: data.plies!.map((p, i) => `${t(`documents.plyColour.${i}`)} ${t(`documents.copyShort.${p}`)}`).join(' / ') }))}</div>` : '';
  const tailFor = (copy: SlipCopy | null) =>
    (remarks ? `<div class="remarks">${esc(remarks)}</div>` : '') + signsHtml(t, ['shipper', 'carrier', 'receiver', 'approver']) + (hasReceipt(copy) ? receiptBlock(locale, signed) : '') + plies;

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
${linesTableHtml(columnsFor(copy), { text: running, stamp: reprint }, rowsFor(copy), totalsFor(copy), tailFor(copy), pagesFor(copy))}
</section>`;
    })
    .join('\n');

  const footer = pageFooterCss(
    t,
    copies.map((copy) => ({ page: partPage(copy), left: slipTitle(data, locale), part: copy && copies.length > 1 ? t(`documents.copyShort.${copy}`) : null })),
    options.partPages ?? null,
  );
  const css = `${sheetCss(options.paper)}
table.lines td.write { min-width: 11mm; }
.sign-off { display: grid; grid-template-columns: 62mm 1fr; column-gap: 5mm; margin-top: 2mm; break-inside: avoid; }
.stamp-box { border: 0.3mm solid #000; height: ${options.paper === 'A4' ? 24 : 16}mm; padding: 1mm 1.5mm; }
.sign-off .lines div { border-bottom: 0.25mm solid #000; padding: 3.5mm 0 0.5mm; white-space: nowrap; }
${footer}`;
  return htmlDocument({ locale, title: slipTitle(data, locale), css, body });
}

/**
 * The 回执's sign-off block: a box for the receiving unit's stamp, the signer and the date and
 * time of receipt — filled in on a reprint after sign-off.
 */
function receiptBlock(locale: Locale, signed: { receiver: string; at: string } | null): string {
  const t = translator(locale);
  const colon = t('documents.colon');
  const at = signed ? minute(signed.at) : t('documents.blankDateTime');
  return `<div class="sign-off"><div class="stamp-box">${esc(t('documents.field.unitStamp'))}</div><div class="lines">
<div>${esc(t('documents.field.signer') + colon + (signed?.receiver ?? ''))}</div>
<div>${esc(t('documents.field.signedAt') + colon + at)}</div>
</div></div>`;
}

/**
 * What the driver counts on the truck: each line split into its packs (the largest first) and
 * loose units, added up per unit — packs ["62箱", "8包", "4盒"], loose ["70只", "10套"].
 */
export function packTotals(lines: Pick<SlipLine, 'quantity' | 'unit' | 'packs'>[]): { packs: string[]; loose: string[] } {
  const packs = new Map<string, { count: number; per: number }>();
  const loose = new Map<string, number>();
  for (const l of lines) {
    let rest = l.quantity;
    for (const p of [...l.packs].sort((a, b) => b.per - a.per)) {
      const n = Math.floor(rest / p.per);
      rest -= n * p.per;
      if (n > 0) {
        const seen = packs.get(p.unit);
        packs.set(p.unit, { count: (seen?.count ?? 0) + n, per: Math.max(seen?.per ?? 0, p.per) });
      }
    }
    if (rest > 0) loose.set(l.unit, (loose.get(l.unit) ?? 0) + rest);
  }
  return {
    packs: [...packs.entries()].sort((a, b) => b[1].per - a[1].per).map(([unit, p]) => `${num(p.count)}${unit}`),
    loose: [...loose.entries()].map(([unit, n]) => `${num(n)}${unit}`),
  };
}

const partPage = (copy: SlipCopy | null) => `part-${copy ?? 'all'}`;

/** Parts laid out alike (the same columns and blocks) share a layout name: the 回执 has its own. */
export const slipLayout = (copy: SlipCopy): string => (copy === 'receipt' ? 'receipt' : 'plain');
