import { useTranslation } from 'react-i18next';
import type { DispatchLine } from '../../../shared/contract/index.ts';
import { useQuery } from '../../api.ts';
import { fmtNumber, qtyWithPacks } from './format.ts';

/** A pick as the screen holds it: the lot and location an order line takes its goods from. */
export interface PickRow {
  lineId: number;
  lotId: number;
  lotNo: string;
  expiresOn: string | null;
  locationId: number;
  locationCode: string;
  qty: number;
}

export const pickedOf = (picks: readonly PickRow[], lineId: number) => picks.filter((p) => p.lineId === lineId).reduce((s, p) => s + p.qty, 0);

/**
 * An order's lines with the lots they are picked from, first-expired first. A line the picks do
 * not cover is red, with what is short. When editable (an approver before approval), the
 * quantities can be changed, a lot dropped, or another dispatchable lot added.
 */
export function PicksTable(props: { lines: DispatchLine[]; picks: PickRow[]; editable?: boolean; proposal?: boolean; onChange?(picks: PickRow[]): void }) {
  const { t } = useTranslation();
  const { lines, picks, editable = false } = props;
  const change = (next: PickRow[]) => props.onChange?.(next);

  return (
    <table className="dispatch-table dispatch-picks" aria-label={props.proposal ? t('dispatch.picks.proposalTitle') : t('dispatch.picks.title')}>
      <thead>
        <tr>
          <th className="num">#</th>
          <th>{t('dispatch.col.item')}</th>
          <th>{t('field.spec')}</th>
          <th className="num">{t('dispatch.col.requested')}</th>
          <th>{t('field.lotNo')}</th>
          <th>{t('field.expiresOn')}</th>
          <th>{t('field.location')}</th>
          <th className="num">{t('dispatch.col.pickQty')}</th>
          <th className="num">{t('field.short')}</th>
        </tr>
      </thead>
      {lines.map((line) => {
        const mine = picks.filter((p) => p.lineId === line.id);
        const short = Math.max(0, line.qty - pickedOf(picks, line.id));
        const rows = Math.max(1, mine.length);
        const lineCells = (
          <>
            <td rowSpan={rows} className="num">
              {line.lineNo}
            </td>
            <td rowSpan={rows}>
              <span className="dispatch-code">{line.itemCode}</span> {line.itemName}
              {editable && <AddLot line={line} picks={picks} short={short} onAdd={(p) => change([...picks, p])} />}
            </td>
            <td rowSpan={rows} className="dispatch-soft">
              {line.spec}
            </td>
            <td rowSpan={rows} className="num">
              {qtyWithPacks(line.qty, line.unit, line.packs, t)}
            </td>
          </>
        );
        const shortCell = (
          <td rowSpan={rows} className="num">
            {short > 0 && <span className="dispatch-short">{t('dispatch.shortQty', { qty: fmtNumber(short), unit: line.unit })}</span>}
          </td>
        );
        return (
          <tbody key={line.id} className={short > 0 ? 'dispatch-line-short' : undefined} data-line={line.lineNo}>
            {mine.length === 0 ? (
              <tr>
                {lineCells}
                <td colSpan={4} className="dispatch-short">
                  {t('dispatch.picks.none')}
                </td>
                {shortCell}
              </tr>
            ) : (
              mine.map((p, i) => (
                <tr key={`${p.lotId}:${p.locationId}`} className="dispatch-pick">
                  {i === 0 && lineCells}
                  <td>{p.lotNo || '—'}</td>
                  <td>{p.expiresOn ?? t('dispatch.picks.noExpiry')}</td>
                  <td>{p.locationCode}</td>
                  <td className="num">
                    {editable ? (
                      <span className="dispatch-qty-edit">
                        <input
                          inputMode="numeric"
                          aria-label={t('dispatch.picks.qtyOf', { lot: p.lotNo, location: p.locationCode })}
                          value={String(p.qty)}
                          onChange={(e) => {
                            const qty = Number(e.target.value.replace(/\D/g, '') || 0);
                            change(picks.map((x) => (x === p ? { ...x, qty } : x)));
                          }}
                        />
                        {line.unit}
                        <button
                          type="button"
                          className="dispatch-icon"
                          aria-label={t('dispatch.picks.drop', { lot: p.lotNo, location: p.locationCode })}
                          title={t('dispatch.picks.dropHint')}
                          onClick={() => change(picks.filter((x) => x !== p))}
                        >
                          ×
                        </button>
                      </span>
                    ) : (
                      `${fmtNumber(p.qty)}${line.unit}`
                    )}
                  </td>
                  {i === 0 && shortCell}
                </tr>
              ))
            )}
          </tbody>
        );
      })}
    </table>
  );
}

/** Another dispatchable lot (under the item's name) of the line's item (accepted, unexpired, with free stock), earliest expiry first. */
function AddLot({ line, picks, short, onAdd }: { line: DispatchLine; picks: PickRow[]; short: number; onAdd(p: PickRow): void }) {
  const { t } = useTranslation();
  const stock = useQuery('stock.list', { itemId: line.itemId });
  const taken = (lotId: number, locationId: number) => picks.filter((p) => p.lotId === lotId && p.locationId === locationId).reduce((s, p) => s + p.qty, 0);
  const candidates = (stock.data?.rows ?? [])
    .filter((r) => r.status === 'accepted' && !r.expired && !picks.some((p) => p.lineId === line.id && p.lotId === r.lotId && p.locationId === r.locationId))
    .map((r) => ({ ...r, free: r.available - taken(r.lotId, r.locationId) }))
    .filter((r) => r.free > 0)
    .sort((a, b) => (a.expiresOn ?? '9999').localeCompare(b.expiresOn ?? '9999') || a.lotId - b.lotId);
  // Nothing else to offer: no control at all, rather than a line of "none" under every item.
  if (candidates.length === 0) return null;
  return (
    <select
      className="dispatch-add-lot"
      aria-label={t('dispatch.picks.addFor', { item: line.itemName })}
      value=""
      onChange={(e) => {
        const c = candidates.find((r) => `${r.lotId}:${r.locationId}` === e.target.value);
        if (!c) return;
        onAdd({ lineId: line.id, lotId: c.lotId, lotNo: c.lotNo, expiresOn: c.expiresOn, locationId: c.locationId, locationCode: c.locationCode, qty: Math.min(c.free, Math.max(short, 1)) });
      }}
    >
      <option value="">{t('dispatch.picks.add')}</option>
      {candidates.map((c) => (
        <option key={`${c.lotId}:${c.locationId}`} value={`${c.lotId}:${c.locationId}`}>
          {t('dispatch.picks.candidate', {
            lot: c.lotNo || '—',
            expires: c.expiresOn ?? t('dispatch.picks.noExpiry'),
            location: c.locationCode,
            free: fmtNumber(c.free),
            unit: line.unit,
          })}
        </option>
      ))}
    </select>
  );
}
