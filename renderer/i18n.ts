import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { resources, DEFAULT_LOCALE } from '../shared/i18n/index.ts';
import { LOCALES, type Locale } from '../shared/domain.ts';

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  resources,
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** AG Grid's own texts (filter menus, "no rows"…) in the operator's language. */
/** AG Grid's own texts, with an empty grid that says what to do next instead of "无显示行". */
export const gridLocale: Record<Locale, Record<string, string>> = {
  'zh-CN': { ...AG_GRID_LOCALE_CN, noRowsToShow: '暂无记录：可清除快速筛选、更换日期或状态，或新增一条' },
  en: { ...AG_GRID_LOCALE_EN, noRowsToShow: 'Nothing here: clear the filter, choose another day or status, or add one' },
};

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The last language chosen on this computer: a new window (a new session) starts in it. */
const LOCALE_KEY = 'depot.locale';
export const savedLocale = (): Locale | null => {
  const saved = localStorage.getItem(LOCALE_KEY);
  return isLocale(saved) ? saved : null;
};

export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}
