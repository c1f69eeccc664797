import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../shared/contract/index.ts';
import type { AppError } from '../shared/errors.ts';
import { invoke, onServerLink } from './api.ts';
import { applyLocale, savedLocale } from './i18n.ts';
import { SetupForm, SignInForm } from './shell/AuthScreens.tsx';
import { Shell } from './shell/Shell.tsx';
import { DeskSetup, depotDesk } from './shell/DeskSetup.tsx';

/**
 * The desktop app's very first run asks first whether this computer holds the depot or joins the
 * depot server (no depot is open until it has chosen); a browser never asks.
 */
export function App() {
  const [desk] = useState(depotDesk);
  const [undecided, setUndecided] = useState<boolean | null>(desk ? null : false);
  useEffect(() => {
    if (desk) void desk.state().then((s) => setUndecided(s.mode === 'undecided'), () => setUndecided(false));
  }, [desk]);
  if (undecided === null) return null;
  return desk && undecided ? <DeskSetup desk={desk} /> : <DepotApp />;
}

/** First run → the admin setup; signed out → sign-in; otherwise the desk. */
function DepotApp() {
  const { t } = useTranslation();
  const [state, setState] = useState<SessionState | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Signed out by the idle lock: the sign-in says why.
  const [idleLocked, setIdleLocked] = useState(false);

  useEffect(() => {
    void (async () => {
      let result = await invoke('auth.status', {});
      // A new window starts in the language last chosen on this computer.
      const wanted = savedLocale();
      if (result.ok && wanted && wanted !== result.data.locale) result = await invoke('auth.setLocale', { locale: wanted });
      if (!result.ok) return setError(result.error);
      await applyLocale(result.data.locale);
      setState(result.data);
    })();
  }, []);

  // The depot server came back without this desk's session: ask it who is signed in here (nobody).
  useEffect(
    () =>
      onServerLink((up, signedOut) => {
        if (up && signedOut) void invoke('auth.status', {}).then((result) => result.ok && setState(result.data));
      }),
    [],
  );

  if (!state) {
    return <div className="center-message">{error ? <p role="alert">{error.message}</p> : <p>{t('app.loading')}</p>}</div>;
  }
  if (state.needsSetup) return <SetupForm onState={setState} />;
  if (!state.operator) {
    const signedIn = (next: SessionState) => {
      setIdleLocked(false);
      setState(next);
    };
    return <SignInForm onState={signedIn} notice={idleLocked ? t('auth.idleLocked') : undefined} />;
  }
  return (
    <Shell
      state={state}
      operator={state.operator}
      onState={setState}
      onIdleLock={(signedOut) => {
        setIdleLocked(true);
        setState(signedOut);
      }}
    />
  );
}
