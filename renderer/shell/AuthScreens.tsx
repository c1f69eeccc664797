import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../shared/contract/index.ts';
import type { Result } from '../../shared/errors.ts';
import { command, invoke } from '../api.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface OnState {
  onState(state: SessionState): void;
}

/** The card both forms sit on: the product's name, the language, the fields, one message line. */
function AuthCard(props: OnState & { title: string; hint?: string; submit: string; children: ReactNode; send(): Promise<Result<SessionState> | string> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const result = await props.send();
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else if (result.ok) props.onState(result.data);
    else setError(result.error.message);
  }

  return (
    <div className="auth-screen">
      <form className="auth-card" onSubmit={(e) => void onSubmit(e)} aria-labelledby="auth-title">
        <div className="auth-head">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch onState={props.onState} />
        </div>
        <h1 id="auth-title">{props.title}</h1>
        {props.hint && <p className="hint">{props.hint}</p>}
        {props.children}
        <p className="status refused" role="alert">
          {error}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {props.submit}
        </button>
      </form>
    </div>
  );
}

function Field({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
    </label>
  );
}

/** First run: the administrator chooses a code, a name and a password. */
export function SetupForm({ onState }: OnState) {
  const { t } = useTranslation();
  const [code, setCode] = useState('admin');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return (
    <AuthCard
      onState={onState}
      title={t('auth.setupTitle')}
      hint={t('auth.setupHint')}
      submit={t('action.create')}
      send={async () => (password !== confirm ? t('auth.mismatch') : command('auth.setupAdmin', { code, name, password }))}
    >
      <Field label={t('auth.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="username" />
      <Field label={t('auth.name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <Field label={t('auth.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      <Field label={t('auth.confirm')} type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
    </AuthCard>
  );
}

export function SignInForm({ onState, notice }: OnState & { notice?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthCard onState={onState} title={t('auth.title')} hint={notice} submit={t('action.signIn')} send={() => invoke('auth.signIn', { code, password })}>
      <Field label={t('auth.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="username" autoFocus />
      <Field label={t('auth.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
    </AuthCard>
  );
}
