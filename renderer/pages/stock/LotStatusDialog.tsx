import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotStatus, StockRow } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, invoke } from '../../api.ts';
import { Dialog } from '../../widgets/Dialog.tsx';

export type StatusAction = 'accept' | 'reject' | 'quarantine' | 'release';

/** What can be done with a lot in each status (the core's rule: a rejected lot stays rejected). */
export const NEXT_STATUS: Record<LotStatus, StatusAction[]> = {
  pending: ['accept', 'reject', 'quarantine'],
  accepted: ['quarantine'],
  quarantined: ['release', 'reject'],
  rejected: [],
};
const TARGET: Record<StatusAction, LotStatus> = { accept: 'accepted', reject: 'rejected', quarantine: 'quarantined', release: 'accepted' };

/**
 * 验收 (合格 / 不合格), 冻结 and 解冻 of a whole lot (every location), with a note for the record.
 * The choices are the ones the lot's status allows; the first is the usual one.
 */
export function LotStatusDialog({ row, onClose, onDone }: { row: StockRow; onClose(): void; onDone(text: string): void }) {
  const { t } = useTranslation();
  const choices = NEXT_STATUS[row.status];
  const [action, setAction] = useState<StatusAction>(choices[0]!);
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    // The lot's current version: another desk may have changed it since the grid was read.
    const found = await invoke('lots.find', { lotId: row.lotId });
    const lot = found.ok ? found.data[0] : undefined;
    const result = lot ? await command('lots.setStatus', { id: lot.id, version: lot.version, status: TARGET[action], note }) : found.ok ? null : found;
    setBusy(false);
    if (result === null) return setError({ code: 'not_found', message: t('stockPage.lotGone') });
    if (!result.ok) return setError(result.error);
    onDone(t('stockPage.statusDone', { item: row.itemName, lot: row.lotNo || '—', status: t(`lotStatus.${result.data.status}`) }));
  }

  return (
    <Dialog
      title={t(`stockPage.statusTitle.${row.status}`)}
      onClose={onClose}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error.message}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {t('stockPage.confirmAction', { action: t(`stockPage.action.${action}`) })}
          </button>
        </>
      }
    >
      <dl className="facts">
        <dt>{t('field.itemId')}</dt>
        <dd>
          {row.itemCode} {row.itemName} <span className="soft">{row.spec}</span>
        </dd>
        <dt>{t('field.lotNo')}</dt>
        <dd>{row.lotNo || '—'}</dd>
        <dt>{t('field.status')}</dt>
        <dd>
          {t(`lotStatus.${row.status}`)} → <b>{t(`lotStatus.${TARGET[action]}`)}</b>
        </dd>
      </dl>
      {choices.length > 1 && (
        <div className="choices" role="radiogroup" aria-label={t('stockPage.choose')}>
          {choices.map((c) => (
            <label key={c} className="check">
              <input type="radio" name="lot-action" checked={action === c} onChange={() => setAction(c)} />
              {t(`stockPage.action.${c}`)}
            </label>
          ))}
        </div>
      )}
      <p className="soft">{t(`stockPage.actionHint.${action}`)}</p>
      <label className="labelled">
        <span>{t('stockPage.note')}</span>
        <textarea value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} autoFocus />
      </label>
    </Dialog>
  );
}
