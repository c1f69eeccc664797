import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UPDATE_CHECK_HOURS, type UpdateSettings, type UpdateStatus } from '../../../shared/contract/update.ts';
import { command, invoke } from '../../api.ts';
import { SaveBar, typedNumber, useSave } from './SaveBar.tsx';
import { updateErrorText } from '../../shell/UpdateBanner.tsx';
import { Refusal } from '../../widgets/Refusal.tsx';

/** 更新: where this desk looks for new versions and how often; and what it found last. */
export function UpdateSection() {
  const { t, i18n } = useTranslation();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [hours, setHours] = useState('');
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const saving = useSave();

  const show = (s: UpdateSettings) => {
    setUrl(s.url);
    setHours(String(s.checkEveryHours));
  };
  const readStatus = () => void invoke('update.status', {}).then((r) => r.ok && setStatus(r.data));

  useEffect(() => {
    void invoke('update.getSettings', {}).then((r) => (r.ok ? show(r.data) : setLoadError(r.error.message)));
    readStatus();
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void saving.save(
      () => command('update.setSettings', { url, checkEveryHours: typedNumber(hours) }),
      (saved) => {
        show(saved);
        readStatus();
      },
    );
  }

  const stateText = status && t(`update.state.${status.state}`, { version: status.version ?? '', percent: status.percent ?? 0, error: updateErrorText(t, status.error) });
  return (
    <section className="settings-section" aria-labelledby="settings-update">
      <h3 id="settings-update">{t('settings.update.title')}</h3>
      {loadError && <Refusal as="p">{t('settings.loadFailed', { message: loadError })}</Refusal>}
      {status && (
        <p className="settings-hint">
          {t('settings.update.status', { version: status.currentVersion, state: stateText })}
          {status.lastCheckAt && ` · ${t('settings.update.lastCheck', { at: new Date(status.lastCheckAt).toLocaleString(i18n.language, { hour12: false }) })}`}
        </p>
      )}
      <form className="settings-form" noValidate onSubmit={submit}>
        <label className="settings-field wide">
          <span>{t('field.url')}</span>
          <input value={url} placeholder="http://10.1.2.3/depot-desk/" spellCheck={false} aria-invalid={saving.invalid('url')} onChange={(e) => setUrl(e.target.value)} />
          <small>{t('settings.update.urlHint')}</small>
        </label>
        <label className="settings-field">
          <span>{t('field.checkEveryHours')}</span>
          <input
            type="number"
            min={UPDATE_CHECK_HOURS.min}
            max={UPDATE_CHECK_HOURS.max}
            value={hours}
            aria-invalid={saving.invalid('checkEveryHours')}
            onChange={(e) => setHours(e.target.value)}
          />
          <small>{t('settings.update.hoursHint', { min: UPDATE_CHECK_HOURS.min, max: UPDATE_CHECK_HOURS.max })}</small>
        </label>
        <SaveBar busy={saving.busy} outcome={saving.outcome} />
      </form>
    </section>
  );
}
