import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES } from '../../../shared/contract/auth.ts';
import { command, invoke } from '../../api.ts';
import { SaveBar, typedNumber, useSave } from './SaveBar.tsx';
import { Refusal } from '../../widgets/Refusal.tsx';

/** 空闲锁定: after how many minutes without input a desk signs itself out. */
export function IdleLockSection() {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const saving = useSave();

  useEffect(() => {
    void invoke('auth.idleLock', {}).then((r) => (r.ok ? setMinutes(String(r.data.minutes)) : setLoadError(r.error.message)));
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void saving.save(
      () => command('auth.setIdleLock', { minutes: typedNumber(minutes) }),
      (saved) => setMinutes(String(saved.minutes)),
    );
  }

  return (
    <section className="settings-section" aria-labelledby="settings-idle-lock">
      <h3 id="settings-idle-lock">{t('settings.idleLock.title')}</h3>
      {loadError && <Refusal as="p">{t('settings.loadFailed', { message: loadError })}</Refusal>}
      <form className="settings-form" noValidate onSubmit={submit}>
        <label className="settings-field">
          <span>{t('settings.idleLock.minutes')}</span>
          <input type="number" min={0} max={IDLE_LOCK_MINUTES.max} value={minutes} aria-invalid={saving.invalid('minutes')} onChange={(e) => setMinutes(e.target.value)} />
          <small>{t('settings.idleLock.hint')}</small>
        </label>
        <SaveBar busy={saving.busy} outcome={saving.outcome} />
      </form>
    </section>
  );
}
