import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COSTING_METHODS, type CostingMethodState } from '../../../shared/contract/stock.ts';
import { command, invoke } from '../../api.ts';
import { SaveBar, typedNumber, useSave } from './SaveBar.tsx';
import { Refusal } from '../../widgets/Refusal.tsx';

/** 库存: how many days before expiry a lot is marked 临期. */
export function StockSection() {
  const { t } = useTranslation();
  const [days, setDays] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const saving = useSave();

  useEffect(() => {
    // The setting comes with every stock list; asking for the expired lots only keeps the answer small.
    void invoke('stock.list', { expiringWithinDays: 0 }).then((r) => (r.ok ? setDays(String(r.data.expiryWarnDays)) : setLoadError(r.error.message)));
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void saving.save(
      () => command('stock.setExpiryWarnDays', { days: typedNumber(days) }),
      (saved) => setDays(String(saved.expiryWarnDays)),
    );
  }

  return (
    <section className="settings-section" aria-labelledby="settings-stock">
      <h3 id="settings-stock">{t('settings.stock.title')}</h3>
      {loadError && <Refusal as="p">{t('settings.loadFailed', { message: loadError })}</Refusal>}
      <form className="settings-form" noValidate onSubmit={submit}>
        <label className="settings-field">
          <span>{t('settings.stock.expiryWarnDays')}</span>
          <input type="number" min={1} max={365} value={days} aria-invalid={saving.invalid('days')} onChange={(e) => setDays(e.target.value)} />
          <small>{t('settings.stock.hint')}</small>
        </label>
        <SaveBar busy={saving.busy} outcome={saving.outcome} />
      </form>
    </section>
  );
}

/** 计价方法: chosen before the first posting, changed only right after a day close. */
export function CostingSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<CostingMethodState | null>(null);
  const [method, setMethod] = useState<CostingMethodState['method']>('moving_average');
  const saving = useSave();

  useEffect(() => {
    void invoke('stock.costingMethod', {}).then((r) => {
      if (!r.ok) return;
      setState(r.data);
      setMethod(r.data.method);
    });
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void saving.save(
      () => command('stock.setCostingMethod', { method }),
      (saved) => {
        setState(saved);
        setMethod(saved.method);
      },
    );
  }

  return (
    <section className="settings-section" aria-labelledby="settings-costing">
      <h3 id="settings-costing">{t('settings.stock.costing')}</h3>
      <form className="settings-form" noValidate onSubmit={submit}>
      <label className="settings-field">
        <span>{t('settings.stock.method.label')}</span>
        <select value={method} aria-invalid={saving.invalid('method')} onChange={(e) => setMethod(e.target.value as CostingMethodState['method'])}>
          {COSTING_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`settings.stock.method.${m}`)}
            </option>
          ))}
        </select>
        {state && <small>{state.changeable ? t('settings.stock.costingOpen') : t('settings.stock.costingLocked', { day: state.closedDay ?? '—' })}</small>}
      </label>
      <SaveBar busy={saving.busy} outcome={saving.outcome} />
      </form>
    </section>
  );
}

/** 近效期预警: the dashboard's expiry bands in days ("30, 60, 90"). */
export function ExpiryBandsSection() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const saving = useSave();

  useEffect(() => {
    void invoke('trace.expiring', {}).then((r) => r.ok && setText(r.data.bands.join(', ')));
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const bands = text
      .split(/[,，、\s]+/)
      .filter((x) => x !== '')
      .map((x) => typedNumber(x));
    void saving.save(
      () => command('trace.setExpiryBands', { bands }),
      (saved) => setText(saved.bands.join(', ')),
    );
  }

  return (
    <section className="settings-section" aria-labelledby="settings-expiry-bands">
      <h3 id="settings-expiry-bands">{t('settings.expiryBands.title')}</h3>
      <form className="settings-form" noValidate onSubmit={submit}>
        <label className="settings-field">
          <span>{t('settings.expiryBands.label')}</span>
          <input value={text} aria-invalid={saving.invalid('bands')} onChange={(e) => setText(e.target.value)} />
          <small>{t('settings.expiryBands.hint')}</small>
        </label>
        <SaveBar busy={saving.busy} outcome={saving.outcome} />
      </form>
    </section>
  );
}
