import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/domain.ts';
import type { AppError } from '../../../shared/errors.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { ConfirmDialog, Dialog } from '../../widgets/Dialog.tsx';
import { fmtNumber, localTime } from '../../widgets/format.ts';
import { saveFile, XLSX } from './files.ts';
import { PreviewButton } from './PreviewButton.tsx';

/**
 * One recall: every unit that received the lot, how to reach it, what it has answered for; the
 * notices to print, the list to hand over, each unit's answer to record.
 */
export function RecallPanel({ id, role, onChanged }: { id: number; role: Role; onChanged(): void }) {
  const { t } = useTranslation();
  const recall = useQuery('recalls.get', { id });
  const locations = useQuery('locations.list', {});
  const [answering, setAnswering] = useState<number | null>(null);
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const r = recall.data;
  if (!r) return recall.error ? <p className="error-text">{recall.error.message}</p> : null;
  const qty = (n: number) => `${fmtNumber(n)}${r.unit}`;
  const open = r.status === 'open';
  return (
    <section className="recall-panel" aria-label={t('tracePage.recallPanel', { no: r.no })}>
      <header className="trace-head">
        <strong>{t('tracePage.recallPanel', { no: r.no })}</strong>
        <span>
          {r.itemCode} {r.itemName} · {t('tracePage.lot')} {r.lotNo}
        </span>
        <span>{r.reason}</span>
        <span className="soft">{t('tracePage.openedBy', { at: localTime(r.openedAt), by: r.openedBy })}</span>
        <span>{t('tracePage.frozenAtDepot', { qty: qty(r.atDepot) })}</span>
        <span className="spacer" />
        {r.units.length > 0 && (
          <PreviewButton
            label={t('tracePage.printNotices', { count: r.units.length })}
            preview={() => invoke('print.recallNotice', { recall: r.id, output: 'preview' })}
            print={() => invoke('print.recallNotice', { recall: r.id, output: 'printer' })}
          />
        )}
        <button
          type="button"
          onClick={() =>
            void invoke('recalls.export', { id: r.id }).then((x) => {
              if (x.ok) saveFile(x.data.fileName, x.data.base64, XLSX);
              setNote(x.ok ? t('tracePage.exported', { file: x.data.fileName }) : x.error.message);
            })
          }
        >
          {t('tracePage.exportList')}
        </button>
        {open && mayCall('recalls.close', role) && (
          <button type="button" onClick={() => setClosing(true)}>
            {t('tracePage.closeRecall')}
          </button>
        )}
      </header>
      {note && (
        <p className="soft" role="status">
          {note}
        </p>
      )}
      <table className="plain" aria-label={t('trace.sheet.units')}>
        <thead>
          <tr>
            <th>{t('trace.col.unitName')}</th>
            <th>{t('trace.col.contact')}</th>
            <th>{t('trace.col.phone')}</th>
            <th>{t('trace.col.lastDispatch')}</th>
            <th className="n">{t('trace.col.received')}</th>
            <th className="n">{t('trace.col.returned')}</th>
            <th className="n">{t('trace.col.used')}</th>
            <th className="n">{t('trace.col.destroyed')}</th>
            <th className="n">{t('trace.col.outstanding')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {r.units.map((u) => (
            <tr key={u.unitId}>
              <td>{u.unitName}</td>
              <td>{u.contact}</td>
              <td>{u.phone}</td>
              <td>{localTime(u.lastDispatchAt)}</td>
              <td className="n">{qty(u.received)}</td>
              <td className="n">{qty(u.returned)}</td>
              <td className="n">{qty(u.used)}</td>
              <td className="n">{qty(u.destroyed)}</td>
              <td className={`n ${u.outstanding > 0 ? 'bad-text' : ''}`}>{qty(u.outstanding)}</td>
              <td>
                {open && u.outstanding > 0 && mayCall('recalls.respond', role) && (
                  <button type="button" onClick={() => setAnswering(u.unitId)}>
                    {t('tracePage.answer')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {answering !== null && (
        <AnswerDialog
          unitName={r.units.find((u) => u.unitId === answering)!.unitName}
          unit={r.unit}
          locations={(locations.data ?? []).filter((l) => l.active).map((l) => ({ id: l.id, code: l.code }))}
          onClose={() => setAnswering(null)}
          onConfirm={async (a) => {
            const x = await command('recalls.respond', { recallId: r.id, unitId: answering, ...a });
            if (!x.ok) return x.error;
            setAnswering(null);
            recall.setData(() => x.data);
            onChanged();
            return null;
          }}
        />
      )}
      {closing && (
        <ConfirmDialog
          title={t('tracePage.closeRecall')}
          text={t('tracePage.closeHint', { outstanding: qty(r.units.reduce((n, u) => n + u.outstanding, 0)) })}
          confirm={t('tracePage.closeRecall')}
          onClose={() => setClosing(false)}
          onConfirm={async () => {
            const x = await command('recalls.close', { id: r.id });
            if (!x.ok) return x.error;
            setClosing(false);
            recall.setData(() => x.data);
            return null;
          }}
        />
      )}
    </section>
  );
}

function AnswerDialog({
  unitName,
  unit,
  locations,
  onClose,
  onConfirm,
}: {
  unitName: string;
  unit: string;
  locations: { id: number; code: string }[];
  onClose(): void;
  onConfirm(a: { returned: string; used: string; destroyed: string; locationId?: number; note: string }): Promise<AppError | null>;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({ returned: '', used: '', destroyed: '', note: '' });
  const [locationId, setLocationId] = useState<number | ''>(locations[0]?.id ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const field = (k: 'returned' | 'used' | 'destroyed') => (
    <label className="labelled">
      <span>
        {t(`trace.col.${k}`)}（{unit}）
      </span>
      <input inputMode="numeric" value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
    </label>
  );
  return (
    <Dialog
      title={t('tracePage.answerTitle', { unit: unitName })}
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
          <button
            type="button"
            className="primary"
            onClick={() =>
              void onConfirm({ returned: v.returned || '0', used: v.used || '0', destroyed: v.destroyed || '0', note: v.note, ...(locationId === '' ? {} : { locationId }) }).then(setError)
            }
          >
            {t('tracePage.saveAnswer')}
          </button>
        </>
      }
    >
      {field('returned')}
      <label className="labelled">
        <span>{t('tracePage.returnTo')}</span>
        <select value={locationId} onChange={(e) => setLocationId(e.target.value ? Number(e.target.value) : '')}>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.code}
            </option>
          ))}
        </select>
      </label>
      {field('used')}
      {field('destroyed')}
      <label className="labelled">
        <span>{t('field.note')}</span>
        <input value={v.note} maxLength={200} onChange={(e) => setV({ ...v, note: e.target.value })} />
      </label>
    </Dialog>
  );
}
