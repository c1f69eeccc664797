import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../shared/contract/allocation.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command } from '../../api.ts';

/**
 * Who has reported for the day and who has not (since when), and carrying the last report of
 * the silent ones forward — the carried rows show 沿用 in the grid.
 */
export function ReportStatusPanel({ day, rows, error, canCarry, selected, onPick }: {
  day: string;
  rows: ReportStatus[] | undefined;
  error: AppError | null;
  canCarry: boolean;
  selected: number | null;
  onPick(unitId: number): void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const missing = (rows ?? []).filter((r) => !r.reported);
  // Only a unit that reported before can be carried forward.
  const carriable = missing.filter((r) => r.lastDay !== null);
  const picked = carriable.filter((r) => chosen.has(r.unitId));

  async function carry() {
    const result = await command('demand.carryForward', { day, unitIds: picked.map((r) => r.unitId) });
    if (!result.ok) return setNote({ ok: false, text: result.error.message });
    setChosen(new Set());
    setNote(
      result.data.carried > 0
        ? { ok: true, text: t('demandPage.status.carriedDone', { units: picked.length, rows: result.data.carried }) }
        : { ok: false, text: t('demandPage.status.nothingToCarry') },
    );
  }

  const toggle = (id: number, on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <aside className="demand-status" aria-labelledby="demand-status-title">
      <div className="demand-status-head">
        <h3 id="demand-status-title">{t('demandPage.status.title')}</h3>
        {rows && <span className="soft">{t('demandPage.status.counts', { reported: rows.length - missing.length, total: rows.length })}</span>}
      </div>
      {canCarry && carriable.length > 0 && (
        <div className="demand-status-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={picked.length === carriable.length}
              onChange={(e) => setChosen(e.target.checked ? new Set(carriable.map((r) => r.unitId)) : new Set())}
            />
            {t('demandPage.status.allMissing')}
          </label>
          <button type="button" disabled={picked.length === 0} onClick={() => void carry()}>
            {t('demandPage.status.carry', { count: picked.length })}
          </button>
        </div>
      )}
      {(note || error) && (
        <p className={note?.ok ? 'ok-text' : 'error-text'} role="status">
          {note?.text ?? error?.message}
        </p>
      )}
      <ul className="demand-status-list">
        {rows?.map((r) => (
          <li key={r.unitId} className={`${r.reported ? 'reported' : 'missing'}${selected === r.unitId ? ' selected' : ''}`}>
            {canCarry && !r.reported && r.lastDay !== null ? (
              <input type="checkbox" checked={chosen.has(r.unitId)} onChange={(e) => toggle(r.unitId, e.target.checked)} aria-label={t('demandPage.status.carry', { count: 1 }) + ' ' + r.unitName} />
            ) : (
              <span className="demand-status-box" />
            )}
            <button type="button" className="link demand-status-name" onClick={() => onPick(r.unitId)}>
              {r.unitName}
            </button>
            <span className={`badge ${r.reported ? (r.carried ? 'warn' : 'ok') : 'bad'}`}>
              {r.reported ? (r.carried ? t('demandPage.status.carried', { day: r.lastDay ?? '' }) : t('demandPage.status.reported')) : t('demandPage.status.missing')}
            </span>
            {!r.reported && <span className="soft demand-status-since">{r.lastDay ? t('demandPage.status.since', { day: r.lastDay }) : t('demandPage.status.never')}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
