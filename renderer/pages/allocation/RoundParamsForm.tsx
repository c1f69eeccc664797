import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '../../../shared/domain.ts';
import type { RoundForm } from './plan.ts';

export interface Choice {
  id: number;
  label: string;
}

/**
 * The round: day, days of cover, the reserve held back, the basis of proportional shares,
 * whole packs, the top-up after the tiers, the items in scope, and a unit's tier for this round only (what-if).
 */
export function RoundParamsForm({ form, onChange, items, units }: { form: RoundForm; onChange(f: RoundForm): void; items: Choice[]; units: Choice[] }) {
  const { t } = useTranslation();
  const set = (patch: Partial<RoundForm>) => onChange({ ...form, ...patch });
  const [tierUnit, setTierUnit] = useState<number | ''>('');
  const [tier, setTier] = useState<Tier>('minimum');
  const scope = new Set(form.itemIds);

  return (
    <fieldset className="alloc-params">
      <legend>{t('planPage.params')}</legend>
      <label className="labelled">
        <span>{t('field.day')}</span>
        <input type="date" value={form.day} onChange={(e) => e.target.value && set({ day: e.target.value, itemIds: [], tierOverrides: [] })} />
      </label>
      <label className="labelled">
        <span>{t('field.coverDays')}</span>
        <input type="number" min={1} max={60} className="alloc-num" value={form.coverDays} onChange={(e) => set({ coverDays: Math.max(1, Math.min(60, Math.trunc(Number(e.target.value) || 1))) })} />
      </label>
      <div className="labelled">
        <span id="alloc-reserve">{t('planPage.reserve')}</span>
        <span className="alloc-inline" role="group" aria-labelledby="alloc-reserve">
          <select value={form.reserveKind} aria-label={t('planPage.reserve')} onChange={(e) => set({ reserveKind: e.target.value as RoundForm['reserveKind'], reserve: 0 })}>
            <option value="percent">{t('planPage.reservePercent')}</option>
            <option value="quantity">{t('planPage.reserveQuantity')}</option>
          </select>
          <input
            type="number"
            min={0}
            max={form.reserveKind === 'percent' ? 100 : undefined}
            step={form.reserveKind === 'percent' ? 0.1 : 1}
            className="alloc-num"
            aria-label={t(form.reserveKind === 'percent' ? 'planPage.reservePercent' : 'planPage.reserveQuantity')}
            value={form.reserve}
            onChange={(e) => {
              const n = Math.max(0, Number(e.target.value) || 0);
              set({ reserve: form.reserveKind === 'percent' ? Math.min(100, n) : Math.trunc(n) });
            }}
          />
        </span>
      </div>
      <label className="labelled">
        <span>{t('field.basis')}</span>
        <select value={form.basis} onChange={(e) => set({ basis: e.target.value as RoundForm['basis'] })}>
          {(['staff', 'beds', 'equal'] as const).map((b) => (
            <option key={b} value={b}>
              {t(`planPage.basisOf.${b}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check alloc-packs">
        <input type="checkbox" checked={form.wholePacks} onChange={(e) => set({ wholePacks: e.target.checked })} />
        {t('planPage.wholePacks')}
      </label>
      <label className="check alloc-packs">
        <input type="checkbox" checked={form.topUp} onChange={(e) => set({ topUp: e.target.checked })} />
        {t('planPage.topUp')}
      </label>
      <details className="alloc-scope">
        <summary>
          {t('planPage.itemsScope', { scope: form.itemIds.length === 0 ? t('planPage.allItems', { count: items.length }) : t('planPage.someItems', { count: form.itemIds.length }) })}
        </summary>
        <div className="alloc-scope-list">
          {items.map((it) => (
            <label key={it.id} className="check">
              <input
                type="checkbox"
                checked={scope.has(it.id)}
                onChange={(e) => set({ itemIds: e.target.checked ? [...form.itemIds, it.id] : form.itemIds.filter((x) => x !== it.id) })}
              />
              {it.label}
            </label>
          ))}
        </div>
      </details>
      <div className="labelled alloc-whatif">
        <span id="alloc-whatif">{t('planPage.tierWhatIf')}</span>
        <span className="alloc-inline" role="group" aria-labelledby="alloc-whatif">
          <select value={tierUnit} aria-label={t('planPage.tierUnit')} onChange={(e) => setTierUnit(e.target.value ? Number(e.target.value) : '')}>
            <option value="">{t('planPage.tierUnit')}…</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
          <select value={tier} aria-label={t('field.tier')} onChange={(e) => setTier(e.target.value as Tier)}>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {t(`tier.${x}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={tierUnit === ''}
            onClick={() => {
              if (tierUnit === '') return;
              set({ tierOverrides: [...form.tierOverrides.filter((o) => o.unitId !== tierUnit), { unitId: tierUnit, tier }] });
              setTierUnit('');
            }}
          >
            {t('planPage.tierAdd')}
          </button>
        </span>
        {form.tierOverrides.length > 0 && (
          <span className="alloc-chips">
            {form.tierOverrides.map((o) => {
              const name = units.find((u) => u.id === o.unitId)?.label ?? String(o.unitId);
              return (
                <span key={o.unitId} className="badge info">
                  {name} → {t(`tier.${o.tier}`)}
                  <button type="button" className="link" aria-label={t('planPage.tierRemove', { unit: name })} onClick={() => set({ tierOverrides: form.tierOverrides.filter((x) => x.unitId !== o.unitId) })}>
                    ×
                  </button>
                </span>
              );
            })}
          </span>
        )}
      </div>
    </fieldset>
  );
}
