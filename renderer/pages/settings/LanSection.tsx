import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskState } from '../../../shared/desk.ts';
import { depotDesk } from '../../shell/DeskSetup.tsx';

/**
 * 本机与局域网 (the desktop app only): whether this computer holds the depot or is a desk of the
 * server; holding it, whether other desks may join — with the addresses they type and the code the
 * administrator compares when one joins. Changing it restarts the app.
 */
export function LanSection() {
  const { t } = useTranslation();
  const [desk] = useState(depotDesk);
  const [state, setState] = useState<DeskState | null>(null);
  const [share, setShare] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void desk?.state().then((s) => {
      setState(s);
      setShare(s.shareOnLan);
    });
  }, [desk]);
  if (!desk || !state || state.mode !== 'local') return null;

  async function save() {
    const result = await desk!.host(share);
    setNote(result.ok ? { ok: true, text: t(share ? 'desk.setup.hostedShared' : 'desk.setup.hosted') } : { ok: false, text: result.error.message });
  }
  return (
    <section className="settings-section" aria-labelledby="settings-lan">
      <h3 id="settings-lan">{t('desk.lan.title')}</h3>
      <p>{t('desk.lan.holds')}</p>
      {state.hosting ? (
        <div className="settings-lan-serving">
          <p>{t('desk.lan.serving')}</p>
          <ul>
            {state.hosting.urls.map((u, i) => (
              <li key={u}>
                <span className="mono">{u}</span>
                <img src={state.hosting!.qr[i]} alt={t('desk.lan.qr', { url: u })} width={120} height={120} />
              </li>
            ))}
          </ul>
          <p>
            {t('desk.lan.code')}
            <strong className="mono">{state.hosting.code}</strong>
          </p>
        </div>
      ) : (
        state.shareOnLan && <p className="warn-text">{t('desk.lan.notServing')}</p>
      )}
      <label className="check">
        <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} />
        {t('desk.setup.share')}
      </label>
      <div className="settings-actions">
        <button type="button" disabled={share === state.shareOnLan} onClick={() => void save()}>
          {t('desk.lan.save')}
        </button>
        {note && (
          <span className={note.ok ? 'saved-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </span>
        )}
      </div>
    </section>
  );
}
