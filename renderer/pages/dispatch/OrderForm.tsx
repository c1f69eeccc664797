import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchOrder, Item, Unit } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import { parseQuantity, splitIntoPacks } from '../../../shared/packs.ts';
import { command, useQuery } from '../../api.ts';
import { fmtNumber, fromLocalInput, toLocalInput } from './format.ts';

interface LineDraft {
  key: number;
  itemText: string;
  qtyText: string;
  note: string;
}

let nextKey = 1;
const blank = (): LineDraft => ({ key: nextKey++, itemText: '', qtyText: '', note: '' });

/** A desk always has an empty row at the bottom to type the next item into. */
function withTrailingBlank(lines: LineDraft[]): LineDraft[] {
  const last = lines.at(-1);
  return last && last.itemText === '' && last.qtyText === '' ? lines : [...lines, blank()];
}

const isBlank = (l: LineDraft) => l.itemText.trim() === '' && l.qtyText.trim() === '' && l.note.trim() === '';

/** What an operator typed → the row: a code ("fh-001", or a picked "FH-001 医用防护口罩"), or a name that only one row has. */
export function resolveByCodeOrName<T extends { code: string; name: string }>(rows: readonly T[] | undefined, text: string): T | null {
  const typed = text.trim();
  if (!typed || !rows) return null;
  const code = typed.split(/\s+/)[0]!.toLowerCase();
  const byCode = rows.find((r) => r.code.toLowerCase() === code);
  if (byCode) return byCode;
  const byName = rows.filter((r) => r.name === typed);
  return byName.length === 1 ? byName[0]! : null;
}

/**
 * A new order typed in by hand (an urgent request by phone), or a draft's header and lines
 * changed. Items and units are found by code or name; quantities may be typed in any pack
 * level ("12箱 30只"). The core checks everything again and its refusal is shown at the field.
 */
export function OrderForm({ order, onSaved, onCancel }: { order?: DispatchOrder; onSaved(order: DispatchOrder): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const units = useQuery('units.list', {});
  const items = useQuery('items.list', {});

  const [unitText, setUnitText] = useState(order ? `${order.unitCode} ${order.unitName}` : '');
  const [priority, setPriority] = useState<'normal' | 'urgent'>(order?.priority ?? 'normal');
  const [requestedAt, setRequestedAt] = useState(toLocalInput(order?.requestedAt));
  const [vehicle, setVehicle] = useState(order?.vehicle ?? '');
  const [driver, setDriver] = useState(order?.driver ?? '');
  const [driverPhone, setDriverPhone] = useState(order?.driverPhone ?? '');
  const [remarks, setRemarks] = useState(order?.remarks ?? '');
  const [lines, setLines] = useState<LineDraft[]>(() =>
    withTrailingBlank(
      (order?.lines ?? []).map((l) => ({ key: nextKey++, itemText: `${l.itemCode} ${l.itemName}`, qtyText: splitIntoPacks(l.qty, l.unit, l.packs), note: l.note })),
    ),
  );
  const [error, setError] = useState<AppError | null>(null);
  const [badKey, setBadKey] = useState<{ key: number; field: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const unit = resolveByCodeOrName<Unit>(units.data, unitText);

  const setLine = (key: number, change: Partial<LineDraft>) => setLines((old) => withTrailingBlank(old.map((l) => (l.key === key ? { ...l, ...change } : l))));
  const removeLine = (key: number) => setLines((old) => withTrailingBlank(old.filter((l) => l.key !== key)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBadKey(null);
    const filled = lines.filter((l) => !isBlank(l));
    if (!unit) {
      setError({ code: 'invalid_input', message: unitText.trim() ? t('dispatch.form.unitNotFound', { text: unitText.trim() }) : t('dispatch.form.unitRequired'), field: 'unitId' });
      return;
    }
    if (filled.length === 0) {
      setError({ code: 'invalid_input', message: t('dispatch.form.noLines'), field: 'lines' });
      return;
    }
    const wireLines = [];
    for (const [i, l] of filled.entries()) {
      const item = resolveByCodeOrName<Item>(items.data, l.itemText);
      if (!item) {
        setBadKey({ key: l.key, field: 'itemId' });
        setError({ code: 'invalid_input', message: t('dispatch.form.itemNotFound', { row: i + 1, text: l.itemText.trim() }) });
        return;
      }
      const qty = l.qtyText.trim();
      // Plain numbers go as numbers; anything else as typed, for the core to read (or refuse) as packs.
      wireLines.push({ itemId: item.id, qty: /^\d+$/.test(qty) ? Number(qty) : qty, note: l.note });
    }
    const header = {
      unitId: unit.id,
      priority,
      requestedAt: fromLocalInput(requestedAt),
      vehicle,
      driver,
      driverPhone,
      remarks,
      lines: wireLines,
    };
    setBusy(true);
    const result = order ? await command('dispatch.update', { ...header, id: order.id, version: order.version }) : await command('dispatch.create', header);
    setBusy(false);
    if (result.ok) return onSaved(result.data);
    setError(result.error);
    const m = /^lines\.(\d+)\.(\w+)$/.exec(result.error.field ?? '');
    if (m) setBadKey({ key: filled[Number(m[1])]?.key ?? -1, field: m[2]! });
  }

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true as const, className: 'invalid' } : {});
  const title = order ? t('dispatch.form.editTitle', { no: order.no }) : t('dispatch.form.newTitle');

  return (
    <form className="dispatch-form" onSubmit={(e) => void submit(e)} aria-label={title}>
      <h3>{title}</h3>
      <div className="dispatch-fields">
        <div className="dispatch-wide dispatch-unit">
          <label>
            <span>
              {t('field.recipient')}
              <em aria-hidden="true"> *</em>
            </span>
            <input
              {...invalid('unitId')}
              value={unitText}
              list={`${id}-units`}
              autoComplete="off"
              placeholder={t('dispatch.form.unitPlaceholder')}
              onChange={(e) => setUnitText(e.target.value)}
            />
          </label>
          <small className="dispatch-hint">{unit ? `${unit.name} · ${t(`unitType.${unit.type}`)}${unit.contact ? ` · ${unit.contact} ${unit.phone}` : ''}` : '\u00a0'}</small>
        </div>
        <datalist id={`${id}-units`}>
          {units.data?.map((u) => (
            <option key={u.id} value={`${u.code} ${u.name}`} label={`${t(`unitType.${u.type}`)} ${u.district}`} />
          ))}
        </datalist>
        <label>
          <span>{t('field.priority')}</span>
          <select value={priority} onChange={(e) => setPriority(e.target.value === 'urgent' ? 'urgent' : 'normal')}>
            <option value="normal">{t('priority.normal')}</option>
            <option value="urgent">{t('priority.urgent')}</option>
          </select>
        </label>
        <label>
          <span>{t('field.requestedAt')}</span>
          <input type="datetime-local" {...invalid('requestedAt')} value={requestedAt} onChange={(e) => setRequestedAt(e.target.value)} />
        </label>
        <label>
          <span>{t('field.vehicle')}</span>
          <input {...invalid('vehicle')} value={vehicle} autoComplete="off" onChange={(e) => setVehicle(e.target.value)} />
        </label>
        <label>
          <span>{t('field.driver')}</span>
          <input {...invalid('driver')} value={driver} autoComplete="off" onChange={(e) => setDriver(e.target.value)} />
        </label>
        <label>
          <span>{t('field.driverPhone')}</span>
          <input {...invalid('driverPhone')} value={driverPhone} inputMode="tel" autoComplete="off" onChange={(e) => setDriverPhone(e.target.value)} />
        </label>
        <label className="dispatch-wide">
          <span>{t('field.remarks')}</span>
          <input {...invalid('remarks')} value={remarks} autoComplete="off" onChange={(e) => setRemarks(e.target.value)} />
        </label>
      </div>

      <table className={`dispatch-table dispatch-lines-edit${error?.field === 'lines' ? ' invalid' : ''}`} aria-label={t('dispatch.form.lines')}>
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t('dispatch.form.item')}</th>
            <th>{t('dispatch.form.itemInfo')}</th>
            <th>{t('dispatch.form.qty')}</th>
            <th className="num">{t('dispatch.form.baseQty')}</th>
            <th>{t('field.note')}</th>
            <th aria-label={t('dispatch.form.remove')} />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const item = resolveByCodeOrName<Item>(items.data, l.itemText);
            const qty = item && l.qtyText.trim() ? parseQuantity(l.qtyText, item.unit, item.packs) : null;
            const bad = (field: string) => (badKey?.key === l.key && badKey.field === field ? { 'aria-invalid': true as const, className: 'invalid' } : {});
            const last = i === lines.length - 1;
            return (
              <tr key={l.key}>
                <td className="num">{last && isBlank(l) ? '' : i + 1}</td>
                <td>
                  <input
                    {...bad('itemId')}
                    aria-label={t('dispatch.form.itemOfRow', { row: i + 1 })}
                    list={`${id}-items`}
                    autoComplete="off"
                    placeholder={last ? t('dispatch.form.itemPlaceholder') : undefined}
                    value={l.itemText}
                    onChange={(e) => setLine(l.key, { itemText: e.target.value })}
                  />
                </td>
                <td className={item ? undefined : 'dispatch-hint'}>
                  {item ? `${item.name} · ${item.spec} · ${item.unit}` : l.itemText.trim() ? t('dispatch.form.noSuchItem') : ''}
                </td>
                <td>
                  <input
                    {...bad('qty')}
                    aria-label={t('dispatch.form.qtyOfRow', { row: i + 1 })}
                    autoComplete="off"
                    placeholder={item ? packsExample(item) : undefined}
                    value={l.qtyText}
                    onChange={(e) => setLine(l.key, { qtyText: e.target.value })}
                  />
                </td>
                <td className="num">
                  {qty !== null ? (
                    `${fmtNumber(qty)}${item!.unit}`
                  ) : item && l.qtyText.trim() ? (
                    <span className="dispatch-short">{t('dispatch.form.unitsAre', { units: [item.unit, ...item.packs.map((p) => p.unit)].join('、') })}</span>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  <input aria-label={t('dispatch.form.noteOfRow', { row: i + 1 })} autoComplete="off" value={l.note} onChange={(e) => setLine(l.key, { note: e.target.value })} />
                </td>
                <td>
                  {!(last && isBlank(l)) && (
                    <button type="button" className="dispatch-icon" title={t('dispatch.form.remove')} aria-label={t('dispatch.form.removeRow', { row: i + 1 })} onClick={() => removeLine(l.key)}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <datalist id={`${id}-items`}>
        {items.data?.map((it) => (
          <option key={it.id} value={`${it.code} ${it.name}`} label={`${it.spec} · ${it.unit}`} />
        ))}
      </datalist>

      <div className="dispatch-actions">
        <button type="submit" className="primary" disabled={busy}>
          {order ? t('action.save') : t('dispatch.form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <span className="dispatch-error" role="alert">
          {error?.message}
        </span>
      </div>
    </form>
  );
}

/** "如 12箱 30只": the item's own units in the placeholder teach the pack syntax. */
function packsExample(item: Item): string {
  const big = [...item.packs].sort((a, b) => b.per - a.per)[0];
  return big ? `${2}${big.unit} ${10}${item.unit}` : `100${item.unit}`;
}
