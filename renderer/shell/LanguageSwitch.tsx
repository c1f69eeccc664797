import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/domain.ts';
import type { SessionState } from '../../shared/contract/index.ts';
import { invoke } from '../api.ts';
import { applyLocale, isLocale } from '../i18n.ts';

/** Switches the screens and the session: the core then answers errors in the same language. */
export function LanguageSwitch({ onState }: { onState(state: SessionState): void }) {
  const { t, i18n } = useTranslation();
  async function change(locale: Locale) {
    const result = await invoke('auth.setLocale', { locale });
    if (!result.ok) return;
    await applyLocale(locale);
    onState(result.data);
  }
  return (
    <label className="language">
      <span>{t('language.label')}</span>
      <select value={i18n.language} onChange={(e) => isLocale(e.target.value) && void change(e.target.value)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
