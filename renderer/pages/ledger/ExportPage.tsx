import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ItemSearch } from '../../widgets/ItemSearch.tsx';
import type { ExportResult, Item, Lot } from '../../../shared/contract/index.ts';
import { CATEGORIES, type Category } from '../../../shared/domain.ts';
import { invoke, useQuery } from '../../api.ts';
import { fmtNumber, localDay } from '../../widgets/format.ts';
import { exportFolder, fileSize, inFolder, monthStart, rememberFolder } from './common.ts';
import { JobProgress, useJob } from '../../widgets/job.tsx';
import { shellFiles } from '../../widgets/files.ts';
import './ledger.css';
import { Refusal } from '../../widgets/Refusal.tsx';

/** 导出台账: the comprehensive ledger workbook (综合台账) for a period, and one item's stock card (明细账). */
export function ExportPage() {
  const { t } = useTranslation();
  const items = useQuery('items.list', { includeInactive: true });
  return (
    <div className="page ledger-page">
      <div className="toolbar">
        <h2>{t('nav.export')}</h2>
        <span className="soft">{t('exportPage.hint')}</span>
      </div>
      <div className="ledger-body">
        <LedgerExport items={items.data ?? []} />
        <CardExport items={items.data ?? []} />
      </div>
    </div>
  );
}

/**
 * Where the workbook goes. In the desktop app: the system's save dialog, offering the name made
 * from the choices in the folder last used for this kind of file. In a browser on the depot
 * server: a path field with that name, until the operator types a path of their own.
 */
function usePath(kind: string, autoName: string) {
  const [typed, setTyped] = useState<string | null>(null);
  const [folder] = useState(exportFolder);
  const files = shellFiles();
  const path = typed ?? inFolder(folder, autoName);
  /** The path to write to; null when the save dialog was cancelled. */
  const choose = async (): Promise<string | null> => (files ? files.choose({ mode: 'save', kind, name: autoName, type: 'xlsx' }) : path);
  return { path, setPath: setTyped, choose, pathField: files === null };
}

function ItemSelect({ id, items, category, value, onChange, required }: { id: string; items: readonly Item[]; category?: Category | ''; value: number | ''; onChange(id: number | ''): void; required?: boolean }) {
  const { t } = useTranslation();
  // Typed, not scrolled: a depot has 2,000 items; code, name, spec, barcode or pinyin initials find one.
  const shown = useMemo(() => items.filter((i) => !category || i.category === category), [items, category]);
  return (
    <ItemSearch
      id={id}
      label={t('exportPage.item')}
      items={shown}
      value={value}
      onChange={onChange}
      placeholder={required ? t('exportPage.chooseItem') : t('exportPage.allItems')}
    />
  );
}

function ExportResultLine({ result }: { result: ExportResult }) {
  const { t } = useTranslation();
  if (result.status === 'cancelled') {
    return (
      <p className="status-line" role="status">
        {t('exportPage.cancelled', { path: result.path })}
      </p>
    );
  }
  return (
    <p className="status-line saved export-result" role="status">
      {t('exportPage.done', { path: result.path, rows: fmtNumber(result.rows), items: fmtNumber(result.items), size: fileSize(result.bytes), seconds: (result.ms / 1000).toFixed(1) })}
    </p>
  );
}

function LedgerExport({ items }: { items: readonly Item[] }) {
  const { t } = useTranslation();
  const today = localDay();
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [category, setCategory] = useState<Category | ''>('');
  const [itemId, setItemId] = useState<number | ''>('');
  const { path, setPath, choose, pathField } = usePath('ledger', t('exportPage.ledgerFile', { from, to }));
  const job = useJob<ExportResult>('ledger.export');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const filters = { ...(category ? { category } : {}), ...(itemId ? { itemId } : {}) };
    const target = await choose();
    if (target === null) return;
    const done = await job.run((jobId) => invoke('ledger.export', { jobId, from, to, filters, path: target }));
    if (done?.status === 'done') rememberFolder(done.path);
  }

  const bad = (field: string) => (job.error?.field === field || job.error?.field?.startsWith(`${field}.`) ? true : undefined);
  return (
    <section className="ledger-section" aria-labelledby="ledger-export-title">
      <h3 id="ledger-export-title">{t('exportPage.ledgerTitle')}</h3>
      <p className="soft">{t('exportPage.ledgerHint')}</p>
      <form className="ledger-form" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('exportPage.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={bad('from')} />
        </label>
        <label>
          <span>{t('exportPage.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={bad('to')} />
        </label>
        <label>
          <span>{t('field.category')}</span>
          <select
            value={category}
            onChange={(e) => {
              setCategory(e.target.value as Category | '');
              setItemId('');
            }}
          >
            <option value="">{t('exportPage.allCategories')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('exportPage.item')}</span>
          <ItemSelect id="ledger-export-item" items={items} category={category} value={itemId} onChange={setItemId} />
        </label>
        {pathField && (
          <label className="path-field">
            <span>{t('exportPage.path')}</span>
            <input type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} aria-invalid={bad('path')} />
          </label>
        )}
        <div className="ledger-actions">
          <button type="submit" className="primary" disabled={job.running}>
            {t('exportPage.export')}
          </button>
          {job.error && <Refusal>{job.error.message}</Refusal>}
        </div>
      </form>
      {job.running && <JobProgress label={t('exportPage.progress')} progress={job.progress} cancelling={job.cancelling} onCancel={() => void job.cancel()} />}
      {job.result && <ExportResultLine result={job.result} />}
    </section>
  );
}

function CardExport({ items }: { items: readonly Item[] }) {
  const { t } = useTranslation();
  const [itemId, setItemId] = useState<number | ''>('');
  const [lotId, setLotId] = useState<number | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const item = items.find((i) => i.id === itemId);
  const [lots, setLots] = useState<Lot[]>([]);
  useEffect(() => {
    let current = true;
    setLots([]);
    if (itemId) void invoke('lots.find', { itemId }).then((r) => current && r.ok && setLots(r.data));
    return () => {
      current = false;
    };
  }, [itemId]);
  const { path, setPath, choose, pathField } = usePath('card', t('exportPage.cardFile', { code: item?.code ?? '', day: localDay() }));
  const job = useJob<ExportResult>('card.export');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!itemId) return;
    const target = await choose();
    if (target === null) return;
    const done = await job.run((jobId) =>
      invoke('ledger.exportCard', { jobId, itemId, path: target, ...(lotId ? { lotId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    );
    if (done?.status === 'done') rememberFolder(done.path);
  }

  const bad = (field: string) => (job.error?.field === field ? true : undefined);
  return (
    <section className="ledger-section" aria-labelledby="card-export-title">
      <h3 id="card-export-title">{t('exportPage.cardTitle')}</h3>
      <p className="soft">{t('exportPage.cardHint')}</p>
      <form className="ledger-form" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('exportPage.item')}</span>
          <ItemSelect
            id="card-export-item"
            items={items}
            value={itemId}
            required
            onChange={(id) => {
              setItemId(id);
              setLotId('');
            }}
          />
        </label>
        <label>
          <span>{t('exportPage.lot')}</span>
          <select value={lotId} onChange={(e) => setLotId(e.target.value ? Number(e.target.value) : '')} disabled={!itemId}>
            <option value="">{t('exportPage.allLots')}</option>
            {lots.map((l) => (
              <option key={l.id} value={l.id}>
                {l.lotNo}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('exportPage.fromOptional')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={bad('from')} />
        </label>
        <label>
          <span>{t('exportPage.toOptional')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={bad('to')} />
        </label>
        {pathField && (
          <label className="path-field">
            <span>{t('exportPage.path')}</span>
            <input type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} aria-invalid={bad('path')} />
          </label>
        )}
        <div className="ledger-actions">
          <button type="submit" className="primary" disabled={job.running || !itemId}>
            {t('exportPage.exportCard')}
          </button>
          {job.error && <Refusal>{job.error.message}</Refusal>}
        </div>
      </form>
      {job.running && <JobProgress label={t('exportPage.cardProgress')} progress={job.progress} cancelling={job.cancelling} onCancel={() => void job.cancel()} />}
      {job.result && <ExportResultLine result={job.result} />}
    </section>
  );
}
