import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WriteOff } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { fmtNumber, localTime, yuan } from '../../widgets/format.ts';
import { PreviewButton } from './PreviewButton.tsx';
import './trace.css';
import { useOpenDocument } from '../../shell/open-doc.ts';

/**
 * 报损: write-offs of damaged, expired or recalled goods. A storekeeper writes one (from the lot's
 * trace) and records the disposal; an approver other than the writer posts it; it prints.
 */
export function WriteOffsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useQuery('writeOffs.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  useOpenDocument('writeOff', setChosen);
  return (
    <div className="page trace-page">
      <h2>{t('nav.writeOffs')}</h2>
      {(list.data ?? []).length === 0 ? (
        <p className="soft">{t('writeOffPage.empty')}</p>
      ) : (
        <table className="plain" aria-label={t('nav.writeOffs')}>
          <thead>
            <tr>
              <th>{t('trace.doc.writeOffNo')}</th>
              <th>{t('tracePage.col.status')}</th>
              <th>{t('trace.doc.writeOffReason')}</th>
              <th className="n">{t('tracePage.col.qty')}</th>
              <th className="n">{t('trace.col.amount')}</th>
              <th>{t('writeOffPage.createdBy')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data ?? []).map((w) => (
              <tr key={w.id} className={w.id === chosen ? 'chosen' : ''}>
                <td>
                  <button type="button" className="link" onClick={() => setChosen(w.id)}>
                    {w.no ?? t('writeOffPage.draft', { id: w.id })}
                  </button>
                </td>
                <td>{t(`receiptStatus.${w.status}`)}</td>
                <td>{t(`trace.reason.${w.reason}`)}</td>
                <td className="n">{fmtNumber(w.totals.qty)}</td>
                <td className="n">{w.totals.amount === null ? '—' : yuan(w.totals.amount)}</td>
                <td>
                  {w.createdBy} {localTime(w.createdAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen !== null && <WriteOffPanel key={chosen} id={chosen} role={role} onChanged={list.refresh} />}
    </div>
  );
}

function WriteOffPanel({ id, role, onChanged }: { id: number; role: Role; onChanged(): void }) {
  const { t } = useTranslation();
  const [w, setW] = useState<WriteOff | null>(null);
  const [form, setForm] = useState({ disposal: '', disposedBy: '', witness: '' });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void invoke('writeOffs.get', { id }).then((r) => {
      if (!r.ok) return;
      setW(r.data);
      setForm({ disposal: r.data.disposal, disposedBy: r.data.disposedBy, witness: r.data.witness });
    });
  }, [id]);
  if (!w) return null;
  const draft = w.status === 'draft';
  const say = (e: AppError | null, ok: string) => setStatus(e ? { ok: false, text: e.message } : { ok: true, text: ok });
  async function save(): Promise<WriteOff | null> {
    if (!w) return null;
    const r = await command('writeOffs.saveDraft', { id: w.id, version: w.version, reason: w.reason, note: w.note, recallId: w.recallId, ...form, lines: w.lines.map((l) => ({ lotId: l.lotId, locationId: l.locationId, qty: l.qty })) });
    if (!r.ok) {
      say(r.error, '');
      return null;
    }
    setW(r.data);
    onChanged();
    return r.data;
  }
  return (
    <section className="recall-panel" aria-label={w.no ?? t('writeOffPage.draft', { id: w.id })}>
      <header className="trace-head">
        <strong>{w.no ?? t('writeOffPage.draft', { id: w.id })}</strong>
        <span>{t(`trace.reason.${w.reason}`)}</span>
        <span>{w.note}</span>
        <span className="spacer" />
        <PreviewButton label={t('writeOffPage.print')} preview={() => invoke('print.writeOff', { writeOff: w.id, output: 'preview' })} print={() => invoke('print.writeOff', { writeOff: w.id, output: 'printer' })} />
      </header>
      <table className="plain">
        <thead>
          <tr>
            <th>{t('tracePage.item')}</th>
            <th>{t('tracePage.lot')}</th>
            <th>{t('receiving.col.expiresOn')}</th>
            <th>{t('receiving.col.locationId')}</th>
            <th className="n">{t('tracePage.col.qty')}</th>
            <th className="n">{t('trace.col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {w.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.itemCode} {l.itemName}
              </td>
              <td>{l.lotNo}</td>
              <td>{l.expiresOn ?? '—'}</td>
              <td>{l.locationCode}</td>
              <td className="n">
                {fmtNumber(l.qty)}
                {l.unit}
              </td>
              <td className="n">{l.amount === null ? '—' : yuan(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="writeoff-disposal">
        {(['disposal', 'disposedBy', 'witness'] as const).map((k) => (
          <label className="labelled" key={k}>
            <span>{t(`trace.field.${k}`)}</span>
            <input value={form[k]} disabled={!draft} maxLength={k === 'disposal' ? 200 : 40} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
          </label>
        ))}
      </div>
      {draft && (
        <div className="actions">
          {mayCall('writeOffs.saveDraft', role) && (
            <button type="button" onClick={() => void save().then((x) => x && say(null, t('writeOffPage.saved')))}>
              {t('action.save')}
            </button>
          )}
          {mayCall('writeOffs.post', role) && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                void command('writeOffs.post', { id: w.id, version: w.version }).then((r) => {
                  if (!r.ok) return say(r.error, '');
                  setW(r.data);
                  onChanged();
                  say(null, t('writeOffPage.posted', { no: r.data.no }));
                })
              }
            >
              {t('writeOffPage.post')}
            </button>
          )}
        </div>
      )}
      {status && (
        <p className={status.ok ? 'saved-text' : 'error-text'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
