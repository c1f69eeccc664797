import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { Supplier, SupplierContact } from '../../../shared/contract/index.ts';
import type { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localDay, localTime } from '../../widgets/format.ts';
import './stock.css';

const METHODS = ['phone', 'visit', 'message', 'email'] as const;
type Method = (typeof METHODS)[number];
const DAY = 86_400_000;

interface Row extends Supplier {
  last: SupplierContact | null;
}

/**
 * 供货联系: the supply channels with who last contacted each and when, the contact log of one
 * channel, and a form to log a call (outcome, promised quantity and date).
 */
export function SupplierContactsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const suppliers = useQuery('suppliers.list', {});
  const [last, setLast] = useState<Map<number, SupplierContact | null>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);
  const [filter, setFilter] = useState('');

  // The newest entry of every channel's log (the list channel does not carry it).
  const loadLast = useCallback(async (list: readonly Supplier[]) => {
    const logs = await Promise.all(list.map((s) => invoke('suppliers.contacts', { supplierId: s.id })));
    setLast(new Map(list.map((s, i) => [s.id, logs[i]!.ok ? (newest(logs[i]!.data) ?? null) : null])));
  }, []);
  useEffect(() => {
    if (suppliers.data) void loadLast(suppliers.data);
  }, [suppliers.data, loadLast]);

  const rows: Row[] = useMemo(() => (suppliers.data ?? []).map((s) => ({ ...s, last: last.get(s.id) ?? null })), [suppliers.data, last]);
  const current = rows.find((r) => r.id === selected) ?? null;

  const columnDefs = useMemo(
    (): ColDef<Row>[] => [
      { colId: 'code', headerName: t('field.code'), width: 84, valueGetter: (p) => p.data?.code },
      { colId: 'name', headerName: t('field.name'), width: 210, valueGetter: (p) => p.data?.name },
      { colId: 'kind', headerName: t('field.kind'), width: 92, valueGetter: (p) => (p.data ? t(`supplierKind.${p.data.kind}`) : '') },
      { colId: 'contact', headerName: t('field.contact'), width: 100, valueGetter: (p) => p.data?.contact },
      { colId: 'phone', headerName: t('field.phone'), width: 130, valueGetter: (p) => p.data?.phone },
      { colId: 'lastAt', headerName: t('contacts.lastAt'), width: 140, sort: 'desc', valueGetter: (p) => p.data?.last?.at ?? '', valueFormatter: (p) => (p.value ? localTime(p.value as string) : t('contacts.never')), cellClassRules: { soft: (p) => !p.value } },
      { colId: 'lastBy', headerName: t('contacts.lastBy'), width: 90, valueGetter: (p) => p.data?.last?.operator ?? '' },
      { colId: 'lastOutcome', headerName: t('field.outcome'), flex: 1, minWidth: 160, valueGetter: (p) => p.data?.last?.outcome ?? '', tooltipValueGetter: (p) => p.value as string },
    ],
    [t],
  );

  return (
    <section className="page" aria-labelledby="contacts-title">
      <div className="toolbar">
        <h2 id="contacts-title">{t('nav.supplierContacts')}</h2>
        <input type="search" className="quick-filter" placeholder={t('action.filter')} aria-label={t('action.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="soft">{t('contacts.hint')}</span>
      </div>
      {suppliers.error && (
        <p className="error-text" role="alert">
          {suppliers.error.message}
        </p>
      )}
      <div className="contacts-layout">
        <div className="grid">
          <AgGridReact<Row>
            key={locale}
            theme={gridTheme}
            localeText={localeText}
            rowData={rows}
            loading={suppliers.loading && !suppliers.data}
            columnDefs={columnDefs}
            defaultColDef={defaultColDef}
            getRowId={(p) => String(p.data.id)}
            quickFilterText={filter}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0]?.id ?? null)}
            tooltipShowDelay={150}
          />
        </div>
        <aside className="contacts-panel" aria-label={t('contacts.log')}>
          {current ? (
            <SupplierLog supplier={current} role={role} onLogged={() => suppliers.data && void loadLast(suppliers.data)} />
          ) : (
            <p className="soft">{t('contacts.choose')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}

const newest = (log: readonly SupplierContact[]) => log.reduce<SupplierContact | undefined>((a, c) => (!a || c.at > a.at || (c.at === a.at && c.id > a.id) ? c : a), undefined);

function SupplierLog({ supplier, role, onLogged }: { supplier: Supplier; role: Role; onLogged(): void }) {
  const { t } = useTranslation();
  const log = useQuery('suppliers.contacts', { supplierId: supplier.id });
  const items = useQuery('items.list', {});
  const today = localDay();
  const expiry = supplier.qualificationExpiry;
  const daysLeft = expiry ? Math.round((Date.parse(expiry) - Date.parse(today)) / DAY) : null;
  const entries = useMemo(() => [...(log.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id)), [log.data]);

  return (
    <div className="supplier-log">
      <h3>{supplier.name}</h3>
      <dl className="facts">
        <dt>{t('field.contact')}</dt>
        <dd>
          {supplier.contact} {supplier.phone}
        </dd>
        <dt>{t('field.products')}</dt>
        <dd>{supplier.products || '—'}</dd>
        <dt>{t('field.capacityPerDay')}</dt>
        <dd>{supplier.capacityPerDay || '—'}</dd>
        <dt>{t('field.leadTimeDays')}</dt>
        <dd>{supplier.leadTimeDays ?? '—'}</dd>
        <dt>{t('field.qualificationExpiry')}</dt>
        <dd>
          {expiry ?? '—'}
          {daysLeft !== null && daysLeft < 0 && <span className="badge bad">{t('contacts.qualificationExpired')}</span>}
          {daysLeft !== null && daysLeft >= 0 && daysLeft <= 30 && <span className="badge warn">{t('contacts.qualificationSoon', { count: daysLeft })}</span>}
        </dd>
      </dl>
      {mayCall('suppliers.logContact', role) && (
        <LogForm
          supplierId={supplier.id}
          items={items.data ?? []}
          onLogged={() => {
            log.refresh();
            onLogged();
          }}
        />
      )}
      <h4>{t('contacts.log')}</h4>
      {entries.length === 0 ? (
        <p className="soft">{t('contacts.empty')}</p>
      ) : (
        <table className="plain contact-log">
          <thead>
            <tr>
              <th>{t('contacts.at')}</th>
              <th>{t('contacts.by')}</th>
              <th>{t('field.method')}</th>
              <th>{t('field.outcome')}</th>
              <th>{t('contacts.promise')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((c) => (
              <tr key={c.id}>
                <td>{localTime(c.at)}</td>
                <td>{c.operator}</td>
                <td>{t(`contacts.method.${c.method}`, { defaultValue: c.method })}</td>
                <td>
                  {c.outcome}
                  {c.note && <div className="soft">{c.note}</div>}
                </td>
                <td>
                  {c.itemName && <div>{c.itemName}</div>}
                  {c.promisedQty !== null && (
                    <div>
                      {fmtNumber(c.promisedQty)}
                      {(c.itemId !== null && items.data?.find((i) => i.id === c.itemId)?.unit) || ''}
                    </div>
                  )}
                  {c.promisedDate && <div className="soft">{t('contacts.by_date', { date: c.promisedDate })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function LogForm({ supplierId, items, onLogged }: { supplierId: number; items: readonly { id: number; code: string; name: string; spec: string; unit: string }[]; onLogged(): void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<Method>('phone');
  const [outcome, setOutcome] = useState('');
  const [itemId, setItemId] = useState<number | ''>('');
  const [qty, setQty] = useState('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const unit = items.find((i) => i.id === itemId)?.unit ?? '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = qty.trim();
    if (q !== '' && !/^\d+$/.test(q)) return setError({ code: 'invalid_input', message: t('issue.not_integer', { field: t('field.promisedQty') }), field: 'promisedQty' });
    const result = await command('suppliers.logContact', {
      supplierId,
      method,
      outcome,
      itemId: itemId === '' ? null : itemId,
      promisedQty: q === '' ? null : Number(q),
      promisedDate: date || null,
      note,
    });
    if (!result.ok) {
      setSaved(false);
      return setError(result.error);
    }
    setError(null);
    setSaved(true);
    setOutcome('');
    setQty('');
    setDate('');
    setNote('');
    onLogged();
  }
  const invalid = (f: string) => (error?.field === f ? { 'aria-invalid': true as const } : {});

  return (
    <form className="log-form" onSubmit={(e) => void submit(e)} aria-label={t('contacts.logCall')}>
      <h4>{t('contacts.logCall')}</h4>
      <div className="form-row">
        <label>
          <span>{t('field.method')}</span>
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`contacts.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span>{t('field.outcome')}</span>
          <input value={outcome} maxLength={200} placeholder={t('contacts.outcomeExample')} onChange={(e) => setOutcome(e.target.value)} {...invalid('outcome')} />
        </label>
      </div>
      <div className="form-row">
        <label className="grow">
          <span>{t('contacts.item')}</span>
          <select value={itemId} onChange={(e) => setItemId(e.target.value ? Number(e.target.value) : '')} {...invalid('itemId')}>
            <option value="">—</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} {i.name} {i.spec}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>
            {t('field.promisedQty')}
            {unit && `（${unit}）`}
          </span>
          <input className="narrow" inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} {...invalid('promisedQty')} />
        </label>
        <label>
          <span>{t('field.promisedDate')}</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} {...invalid('promisedDate')} />
        </label>
      </div>
      <label className="labelled">
        <span>{t('field.note')}</span>
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('contacts.save')}
        </button>
        {error && (
          <span className="error-text" role="alert">
            {error.message}
          </span>
        )}
        {saved && !error && <span className="saved-text">{t('contacts.saved')}</span>}
      </div>
    </form>
  );
}
