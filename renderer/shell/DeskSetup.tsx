import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepotDesk, HeardDepot, PresentedServer } from '../../shared/desk.ts';
import './desk-setup.css';

/** The desktop app's first-run bridge (the preload's window.depotDesk); null in a browser on the depot server. */
export function depotDesk(): DepotDesk | null {
  return (window as unknown as { depotDesk?: DepotDesk }).depotDesk ?? null;
}

/** The port the depot server listens on (main/server/join.ts DEFAULT_PORT), as the sharing hint says it. */
const SERVER_PORT = 8080;

/**
 * First run of the desktop app: keep the depot's data on this computer (and let other desks on the
 * LAN join it), or join the depot server on the LAN — picked from those heard, or typed — after an
 * administrator has compared the certificate's short code with the one the server shows. Once
 * chosen, the app restarts in that mode (main/shell/app.ts).
 */
export function DeskSetup({ desk }: { desk: DepotDesk }) {
  const { t } = useTranslation();
  const [share, setShare] = useState(false);
  const [heard, setHeard] = useState<HeardDepot[] | null>(null);
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [presented, setPresented] = useState<PresentedServer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const listen = () => {
    setHeard(null);
    void desk.discover().then(setHeard, () => setHeard([]));
  };
  useEffect(listen, [desk]);

  async function connect(to: string) {
    setError(null);
    setPresented(null);
    setAddress(to);
    setBusy(t('desk.setup.connecting', { address: to }));
    const result = await desk.inspect(to);
    setBusy(null);
    if (result.ok) setPresented(result.data);
    else setError(result.error.message);
  }
  async function confirm() {
    if (!presented) return;
    setBusy(t('desk.setup.connecting', { address: presented.address }));
    const result = await desk.join(presented.address, presented.fingerprint);
    setBusy(null);
    if (!result.ok) {
      setPresented(null);
      return setError(result.error.message);
    }
    setDone(t('desk.setup.joined', { address: presented.address, code: presented.code }));
  }
  async function host() {
    setError(null);
    const result = await desk.host(share);
    if (!result.ok) return setError(result.error.message);
    setDone(t(share ? 'desk.setup.hostedShared' : 'desk.setup.hosted'));
  }

  if (done) {
    return (
      <div className="auth-screen">
        <p className="desk-setup-done" role="status">
          {done}
        </p>
      </div>
    );
  }
  return (
    <div className="desk-setup">
      <header>
        <span className="brand">{t('app.name')}</span>
        <h1>{t('desk.setup.title')}</h1>
        <p className="hint">{t('desk.setup.intro')}</p>
      </header>
      <div className="desk-setup-choices">
        <section aria-labelledby="desk-host">
          <h2 id="desk-host">{t('desk.setup.hostTitle')}</h2>
          <p>{t('desk.setup.hostText')}</p>
          <label className="check">
            <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} />
            {t('desk.setup.share')}
          </label>
          <p className="hint">{t('desk.setup.shareHint', { port: SERVER_PORT })}</p>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void host()}>
            {t('desk.setup.host')}
          </button>
        </section>
        <section aria-labelledby="desk-join">
          <h2 id="desk-join">{t('desk.setup.joinTitle')}</h2>
          <p>{t('desk.setup.joinText')}</p>
          <div className="desk-setup-heard" aria-live="polite">
            {heard === null ? (
              <p className="hint">{t('desk.setup.searching')}</p>
            ) : heard.length === 0 ? (
              <p className="hint">{t('desk.setup.none')}</p>
            ) : (
              <ul aria-label={t('desk.setup.heard')}>
                {heard.map((h) => (
                  <li key={h.address}>
                    <span>
                      <strong>{h.name}</strong> <span className="mono soft">{h.address}</span>
                    </span>
                    <button type="button" className="small" disabled={busy !== null} onClick={() => void connect(h.address)}>
                      {t('desk.setup.pick')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {heard !== null && (
              <button type="button" className="small" onClick={listen}>
                {t('desk.setup.again')}
              </button>
            )}
          </div>
          <form
            className="desk-setup-address"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void connect(address);
            }}
          >
            <label className="field">
              <span>{t('desk.setup.address')}</span>
              <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="192.168.1.10:8080" className="mono" />
            </label>
            <button type="submit" disabled={busy !== null}>
              {t('desk.setup.connect')}
            </button>
          </form>
          <p className="hint">{t('desk.setup.addressHint')}</p>
          {busy && (
            <p className="hint" role="status">
              {busy}
            </p>
          )}
          {presented && (
            <div className="desk-setup-code" role="group" aria-labelledby="desk-code">
              <h3 id="desk-code">{t('desk.setup.codeTitle')}</h3>
              <p>{t('desk.setup.codeText', { address: presented.address })}</p>
              <p className="code mono" aria-label={t('desk.setup.codeTitle')}>
                {presented.code}
              </p>
              <div className="actions">
                <button type="button" className="primary" disabled={busy !== null} onClick={() => void confirm()}>
                  {t('desk.setup.confirm')}
                </button>
                <button type="button" onClick={() => setPresented(null)}>
                  {t('desk.setup.cancel')}
                </button>
              </div>
            </div>
          )}
        </section>
      </div>
      <p className="status refused" role="alert">
        {error}
      </p>
    </div>
  );
}
