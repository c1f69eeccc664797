import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GtinEntry, Item } from '../../shared/contract/index.ts';
import type { AppError } from '../../shared/errors.ts';
import { command } from '../api.ts';
import { Dialog } from './Dialog.tsx';
import { ItemSearch } from './ItemSearch.tsx';

/**
 * The first scan of a GTIN the depot does not know: which item and which pack level it is. Asked
 * once; the answer is remembered for every later scan, on every desk.
 */
export function LearnGtinDialog({ gtin, items, onDone }: { gtin: string; items: readonly Item[]; onDone(entry: GtinEntry | null): void }) {
  const { t } = useTranslation();
  const [itemId, setItemId] = useState<number | ''>('');
  const [pack, setPack] = useState<string>('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const item = items.find((i) => i.id === itemId);
  async function save() {
    if (!item) return;
    setBusy(true);
    const r = await command('gtins.learn', { gtin, itemId: item.id, pack: pack || null });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.data);
  }
  return (
    <Dialog
      title={t('trace.learn.title')}
      onClose={() => onDone(null)}
      actions={
        <>
          {error && (
            <span className="error-text" role="alert">
              {error.message}
            </span>
          )}
          <button type="button" onClick={() => onDone(null)}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" disabled={!item || busy} onClick={() => void save()}>
            {t('trace.learn.save')}
          </button>
        </>
      }
    >
      <p className="soft">{t('trace.learn.text', { gtin })}</p>
      <label className="labelled" htmlFor="learn-gtin-item">
        <span>{t('trace.learn.item')}</span>
      </label>
      <ItemSearch
        id="learn-gtin-item"
        label={t('trace.learn.item')}
        items={items}
        value={itemId}
        onChange={(id) => {
          setItemId(id);
          setPack('');
        }}
        placeholder={t('trace.learn.itemHint')}
      />
      <label className="labelled">
        <span>{t('trace.learn.pack')}</span>
        <select value={pack} onChange={(e) => setPack(e.target.value)} disabled={!item}>
          <option value="">{item ? t('trace.learn.base', { unit: item.unit }) : ''}</option>
          {item?.packs.map((p) => (
            <option key={p.unit} value={p.unit}>
              {p.unit}（{p.per}
              {item.unit}）
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}
