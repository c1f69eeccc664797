import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCE_TYPES } from '../../../shared/contract/receiving.ts';
import type { Inspection, SourceType, Supplier } from '../../../shared/contract/index.ts';
import type { SupplierKind } from '../../../shared/domain.ts';
import { useQuery } from '../../api.ts';
import { cellKey, type HeaderDraft } from './lines.ts';

/** Which kinds of supply channel each source usually names; the others are offered after them. */
const KINDS_FOR: Record<SourceType, readonly SupplierKind[]> = {
  purchase: ['manufacturer', 'distributor'],
  donation: ['donor'],
  allocation: ['higher_level'],
  district: ['district'],
  return: [],
  opening: [],
  other: [],
};
const PACKAGING = ['intact', 'partly_damaged', 'damaged'] as const;
const RESULTS = ['accepted', 'partly_accepted', 'rejected', 'pending'] as const;

/** The receipt's header and its inspection record (验收记录). */
export function HeaderForm({ header, editable, errors, onChange }: { header: HeaderDraft; editable: boolean; errors: ReadonlyMap<string, string>; onChange(h: HeaderDraft): void }) {
  const { t } = useTranslation();
  const id = useId();
  const suppliers = useQuery('suppliers.list', {});
  const units = useQuery('units.list', {});
  const set = <K extends keyof HeaderDraft>(k: K, v: HeaderDraft[K]) => onChange({ ...header, [k]: v });
  const setInspection = <K extends keyof Inspection>(k: K, v: Inspection[K]) => onChange({ ...header, inspection: { ...header.inspection, [k]: v } });
  const invalid = (field: string) => {
    const message = errors.get(cellKey('header', field));
    return message ? { 'aria-invalid': true as const, title: message } : {};
  };
  const byReturn = header.sourceType === 'return';
  const wanted = KINDS_FOR[header.sourceType];
  const list = suppliers.data ?? [];
  const first = list.filter((s) => wanted.includes(s.kind));
  const rest = list.filter((s) => !wanted.includes(s.kind));
  const option = (s: Supplier) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  );
  const ins = header.inspection;

  return (
    <div className="receipt-header">
      <fieldset className="form-row" disabled={!editable}>
        <legend>{t('receiving.header')}</legend>
        <label>
          <span>{t('field.sourceType')}</span>
          <select value={header.sourceType} onChange={(e) => set('sourceType', e.target.value as SourceType)} {...invalid('sourceType')}>
            {SOURCE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`sourceType.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {byReturn ? (
          <label>
            <span>{t('receiving.returningUnit')}</span>
            <select className="wide-select" value={header.unitId ?? ''} onChange={(e) => set('unitId', e.target.value ? Number(e.target.value) : null)} {...invalid('unitId')}>
              <option value="">{t('receiving.choose')}</option>
              {(units.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            <span>{t(header.sourceType === 'donation' ? 'receiving.donor' : 'field.supplier')}</span>
            <select className="wide-select" value={header.supplierId ?? ''} onChange={(e) => set('supplierId', e.target.value ? Number(e.target.value) : null)} {...invalid('supplierId')}>
              <option value="">{t('receiving.choose')}</option>
              {first.length > 0 ? (
                <>
                  <optgroup label={t('receiving.usualSources')}>{first.map(option)}</optgroup>
                  <optgroup label={t('receiving.otherSources')}>{rest.map(option)}</optgroup>
                </>
              ) : (
                rest.map(option)
              )}
            </select>
          </label>
        )}
        {header.sourceType !== 'purchase' && header.sourceType !== 'opening' && (
          <label>
            <span>{t('receiving.valueBasis')}</span>
            <select value={header.valueBasis} onChange={(e) => set('valueBasis', e.target.value === 'assessed' ? 'assessed' : 'declared')}>
              <option value="declared">{t('ledger.basis.declared')}</option>
              <option value="assessed">{t('ledger.basis.assessed')}</option>
            </select>
          </label>
        )}
        <label>
          <span>{t('field.reference')}</span>
          <input value={header.reference} maxLength={60} onChange={(e) => set('reference', e.target.value)} {...invalid('reference')} />
        </label>
        <label>
          <span>{t('field.vehicle')}</span>
          <input className="narrow" value={header.vehicle} maxLength={40} onChange={(e) => set('vehicle', e.target.value)} {...invalid('vehicle')} />
        </label>
        <label>
          <span>{t('field.receivedAt')}</span>
          <input type="datetime-local" value={header.receivedAt} onChange={(e) => set('receivedAt', e.target.value)} {...invalid('receivedAt')} />
        </label>
        <label className="grow">
          <span>{t('field.note')}</span>
          <input value={header.note} maxLength={500} onChange={(e) => set('note', e.target.value)} {...invalid('note')} />
        </label>
      </fieldset>

      <fieldset className="form-row inspection" disabled={!editable} {...invalid('inspection')}>
        <legend>{t('receiving.inspection')}</legend>
        <div className="documents" role="group" aria-label={t('receiving.documents')}>
          {ins.documents.map((d, i) => {
            const setDoc = (patch: Partial<typeof d>) => setInspection('documents', ins.documents.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <span key={d.kind} className="document">
                <label className="check">
                  <input type="checkbox" checked={d.checked} onChange={(e) => setDoc({ checked: e.target.checked })} />
                  {t(`receiving.document.${d.kind}`)}
                </label>
                <input
                  type="date"
                  aria-label={t('receiving.documentExpiry', { doc: t(`receiving.document.${d.kind}`) })}
                  title={t('receiving.documentExpiry', { doc: t(`receiving.document.${d.kind}`) })}
                  value={d.expiresOn ?? ''}
                  onChange={(e) => setDoc({ expiresOn: e.target.value || null })}
                />
              </span>
            );
          })}
        </div>
        <label>
          <span>{t('field.standard')}</span>
          <input className="narrow" list={`${id}-standards`} placeholder="GB 19083" value={ins.standard} maxLength={100} onChange={(e) => setInspection('standard', e.target.value)} />
          <datalist id={`${id}-standards`}>
            {['GB 19083-2010', 'GB 19082-2009', 'YY 0469-2011', 'GB 2626-2019', 'GB 10213-2006', 'GB/T 36758-2018'].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t('receiving.packaging')}</span>
          <select value={ins.packaging} onChange={(e) => setInspection('packaging', e.target.value as Inspection['packaging'])}>
            {PACKAGING.map((p) => (
              <option key={p} value={p}>
                {t(`receiving.packagingValue.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('receiving.result')}</span>
          <select value={ins.result} onChange={(e) => setInspection('result', e.target.value as Inspection['result'])}>
            {RESULTS.map((r) => (
              <option key={r} value={r}>
                {t(`receiving.resultValue.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('receiving.inspector')}</span>
          <input className="narrow" value={ins.inspector} maxLength={40} onChange={(e) => setInspection('inspector', e.target.value)} />
        </label>
        <label className="grow">
          <span>{t('receiving.inspectionNote')}</span>
          <input value={ins.note} maxLength={500} onChange={(e) => setInspection('note', e.target.value)} />
        </label>
      </fieldset>
    </div>
  );
}
