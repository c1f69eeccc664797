import { useTranslation } from 'react-i18next';
import type { Location } from '../../../shared/contract/index.ts';
import { CATEGORIES, type Category } from '../../../shared/domain.ts';

/** A category to narrow a list or a count sheet to ('' = all). */
export function CategorySelect({ value, onChange }: { value: Category | ''; onChange(value: Category | ''): void }) {
  const { t } = useTranslation();
  return (
    <label className="inline">
      <span>{t('field.category')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as Category | '')}>
        <option value="">{t('stockPage.all')}</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`category.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A location to narrow a list or a count sheet to ('' = all). */
export function LocationSelect({ value, locations, onChange }: { value: number | ''; locations: readonly Location[]; onChange(value: number | ''): void }) {
  const { t } = useTranslation();
  return (
    <label className="inline">
      <span>{t('field.location')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : '')}>
        <option value="">{t('stockPage.all')}</option>
        {locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.code}
          </option>
        ))}
      </select>
    </label>
  );
}
