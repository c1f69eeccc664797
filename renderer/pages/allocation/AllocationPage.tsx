import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanDiff, PlanLine } from '../../../shared/contract/allocation.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, invoke, mayCall, onEvent, useQuery } from '../../api.ts';
import { fmtNumber, localDay, localTime } from '../../widgets/format.ts';
import { OverrideDialog } from './OverrideDialog.tsx';
import { DiffGrid, ItemTotals, LinesGrid, MatrixGrid, UnitShortfall } from './PlanGrids.tsx';
import { RoundParamsForm, type Choice } from './RoundParamsForm.tsx';
import { editsOf, formOf, lineKey, paramsOf, sameParams, viewOf, type Edit, type RoundForm } from './plan.ts';
import './allocation.css';

type Tab = 'lines' | 'matrix' | 'units' | 'diff';
interface Note {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * 分配方案: the round's parameters, Compute (a what-if, nothing saved), the plan as lines or
 * as units × items with every reason in full, the operator's changes with their reasons,
 * totals per item that block approval when they exceed what is available, Save (a new
 * revision), the difference against the last approved plan, and approval into draft
 * dispatch orders.
 */
export function AllocationPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<RoundForm>(() => formOf(localDay()));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [edits, setEdits] = useState<Map<string, Edit>>(new Map());
  const [tab, setTab] = useState<Tab>('lines');
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ line: PlanLine; typed: number | undefined } | null>(null);
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [confirmReserve, setConfirmReserve] = useState(false);

  const demand = useQuery('demand.list', { day: form.day });
  const versions = useQuery('allocation.list', { day: form.day });
  const refreshVersions = versions.refresh;
  // Plans announce themselves as 'plans', not as the channel's domain.
  useEffect(() => onEvent('data.changed', (p) => p.entity === 'plans' && refreshVersions()), [refreshVersions]);

  const choices = useMemo(() => {
    const items = new Map<number, Choice>();
    const units = new Map<number, Choice>();
    for (const d of demand.data ?? []) {
      items.set(d.itemId, { id: d.itemId, label: t('planPage.named', { name: d.itemName, detail: d.itemCode }) });
      units.set(d.unitId, { id: d.unitId, label: d.unitName });
    }
    return { items: [...items.values()], units: [...units.values()] };
  }, [demand.data, t]);

  const view = useMemo(() => (plan ? viewOf(plan, edits) : null), [plan, edits]);
  const savedEdits = useMemo(() => (plan && plan.status !== 'preview' ? editsOf(plan) : new Map<string, Edit>()), [plan]);
  const unsaved = plan ? (plan.status === 'preview' ? edits.size : countDiff(edits, savedEdits)) : 0;
  const stale = plan !== null && !sameParams(form, plan.params);
  const over = view?.items.filter((it) => it.over) ?? [];
  const eatsReserve = view?.items.some((it) => it.overReserve && !it.over) ?? false;
  const canSave = mayCall('allocation.save', role);
  const canApprove = mayCall('allocation.approve', role);
  const blocked = !plan ? null : over.length > 0 ? 'over' : plan.status === 'preview' ? 'preview' : unsaved > 0 ? 'unsaved' : null;

  // The difference against the last approved plan, for a saved plan.
  const planId = plan?.status === 'preview' ? null : (plan?.id ?? null);
  const planVersion = plan?.version ?? null;
  useEffect(() => {
    setDiff(null);
    if (planId === null) return;
    let current = true;
    void invoke('allocation.diff', { id: planId }).then((r) => current && r.ok && setDiff(r.data));
    return () => {
      current = false;
    };
  }, [planId, planVersion]);

  function show(p: Plan, keep?: Map<string, Edit>) {
    setPlan(p);
    setConfirmReserve(false);
    const lines = new Set(p.lines.map(lineKey));
    setEdits(keep ? new Map([...keep].filter(([k]) => lines.has(k))) : editsOf(p));
  }

  async function compute() {
    setBusy(true);
    const result = await invoke('allocation.compute', paramsOf(form));
    setBusy(false);
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    // A what-if keeps the operator's changes of the lines that are still there.
    show(result.data, edits);
    setNote(result.data.lines.length === 0 ? { kind: 'error', text: t('planPage.empty', { day: form.day }) } : null);
  }

  async function save() {
    if (!plan) return;
    setBusy(true);
    const overrides = [...edits].map(([k, e]) => {
      const [unitId, itemId] = k.split(':').map(Number) as [number, number];
      return { unitId, itemId, allocated: e.allocated, reason: e.reason };
    });
    const result = await command('allocation.save', { ...plan.params, overrides, note: '' });
    setBusy(false);
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    show(result.data);
    refreshVersions();
    setNote({ kind: 'ok', text: t('planPage.saved', { revision: result.data.revision }) });
  }

  async function approve() {
    if (!plan?.id || !plan.version) return;
    setBusy(true);
    const result = await command('allocation.approve', { id: plan.id, version: plan.version, confirmReserve });
    setBusy(false);
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    show(result.data);
    refreshVersions();
    setNote(null);
  }

  // Back to what the rules gave needs no reason; any other number asks for one.
  function edit(line: PlanLine, typed: number | undefined) {
    if (typed !== line.computed) return setEditing({ line, typed });
    setEdits((old) => {
      const next = new Map(old);
      next.delete(lineKey(line));
      return next;
    });
  }

  async function open(id: number) {
    const result = await invoke('allocation.get', { id });
    if (!result.ok) return setNote({ kind: 'error', text: result.error.message });
    show(result.data);
    setForm(formOf(result.data.day, result.data.params));
    setNote(null);
  }

  const status = plan && t(`allocationPlan.status.${plan.status}`);
  return (
    <section className="page alloc-page" aria-labelledby="alloc-title">
      <div className="toolbar">
        <h2 id="alloc-title">{t('nav.allocation')}</h2>
        <label className="check">
          <span>{t('planPage.versions')}</span>
          <select value={plan?.id ?? ''} onChange={(e) => (e.target.value ? void open(Number(e.target.value)) : setPlan(null))} aria-label={t('planPage.versions')}>
            <option value="">{t('planPage.newRound')}</option>
            {versions.data?.map((v) => (
              <option key={v.id} value={v.id ?? ''}>
                {t('planPage.version', { revision: v.revision, status: t(`allocationPlan.status.${v.status}`), by: v.approvedBy ?? v.createdBy ?? '' })}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button type="button" className="primary" disabled={busy} onClick={() => void compute()}>
          {t('planPage.compute')}
        </button>
        {canSave && (
          <button type="button" disabled={busy || !plan || plan.lines.length === 0 || stale || (plan.status !== 'preview' && unsaved === 0)} onClick={() => void save()}>
            {t('planPage.save')}
          </button>
        )}
        {canApprove && plan?.status === 'draft' && eatsReserve && (
          <label className="check">
            <input type="checkbox" checked={confirmReserve} onChange={(e) => setConfirmReserve(e.target.checked)} />
            {t('planPage.confirmReserve')}
          </label>
        )}
        {canApprove && (
          <button
            type="button"
            className="primary"
            disabled={busy || !plan || plan.status !== 'draft' || blocked !== null}
            title={blocked ? t(`planPage.cannotApprove.${blocked}`) : undefined}
            onClick={() => void approve()}
          >
            {t('planPage.approve')}
          </button>
        )}
      </div>

      <RoundParamsForm form={form} onChange={setForm} items={choices.items} units={choices.units} />

      <div className="alloc-state" role="status">
        {plan ? (
          <strong>
            {plan.status === 'preview'
              ? t('planPage.preview')
              : t('planPage.header', { day: plan.day, revision: plan.revision, status, by: plan.createdBy ?? '' })}
            {plan.approvedBy && ` · ${t('planPage.approvedBy', { name: plan.approvedBy, at: localTime(plan.approvedAt) })}`}
          </strong>
        ) : (
          <span className="soft">{t('planPage.notComputed')}</span>
        )}
        {stale && <span className="warn-text">{t('planPage.stale')}</span>}
        {unsaved > 0 && <span className="warn-text">{t('planPage.unsaved', { count: unsaved })}</span>}
        {plan && blocked && plan.status !== 'approved' && <span className={blocked === 'over' ? 'error-text' : 'soft'}>{t(`planPage.cannotApprove.${blocked}`)}</span>}
        {note && <span className={note.kind === 'ok' ? 'ok-text' : 'error-text'}>{note.text}</span>}
      </div>
      {over.length > 0 && (
        <ul className="alloc-over" role="alert">
          {over.map((it) => (
            <li key={it.itemId}>{t('planPage.over', { item: it.itemName, allocated: `${fmtNumber(it.allocated)}${it.unit}`, available: `${fmtNumber(it.available)}${it.unit}` })}</li>
          ))}
        </ul>
      )}
      {plan && plan.notices.length > 0 && (
        <ul className="alloc-notices" role="note">
          {plan.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {plan && plan.leftOut.length > 0 && (
        <section className="alloc-notices" aria-label={t('planPage.leftOutTitle')}>
          <strong>{t('planPage.leftOutTitle')}</strong>
          <ul>
            {plan.leftOut.map((u) => (
              <li key={u.unitId}>{t('planPage.labelled', { label: u.unitName, text: u.reason })}</li>
            ))}
          </ul>
        </section>
      )}
      {plan?.status === 'approved' && plan.orders.length > 0 && (
        <div className="alloc-orders" role="region" aria-label={t('planPage.approved', { revision: plan.revision, count: plan.orders.length })}>
          <span>{t('planPage.approved', { revision: plan.revision, count: plan.orders.length })}</span>
          {plan.orders.map((o) => (
            <a key={o.id} href="#/dispatch" className="alloc-order">
              {o.no} {o.unitName} <span className="badge info">{t(`dispatchStatus.${o.status}`, { defaultValue: o.status })}</span>
            </a>
          ))}
          <a href="#/dispatch">{t('planPage.toDispatch')}</a>
        </div>
      )}

      {view && (
        <>
          <div className="alloc-tabs" role="tablist" aria-label={t('nav.allocation')}>
            {(['lines', 'matrix', 'units', 'diff'] as const).map((x) => (
              <button key={x} type="button" role="tab" aria-selected={tab === x} onClick={() => setTab(x)}>
                {t(`planPage.tabs.${x}`)}
              </button>
            ))}
            <span className="spacer" />
            {canSave && plan?.status !== 'approved' && <span className="soft">{t('planPage.editHint')}</span>}
          </div>
          <div className="alloc-body">
            <div className="alloc-main" role="tabpanel">
              {tab === 'lines' && <LinesGrid lines={view.lines} round={plan!} canEdit={canSave && plan?.status !== 'approved'} onEdit={edit} />}
              {tab === 'matrix' && <MatrixGrid view={view} round={plan!} canEdit={canSave && plan?.status !== 'approved'} onEdit={edit} />}
              {tab === 'units' && <UnitShortfall units={view.units} day={plan!.day} />}
              {tab === 'diff' &&
                (planId === null ? (
                  <p className="soft">{t('planPage.diff.preview')}</p>
                ) : !diff ? null : diff.againstRevision === null ? (
                  <p className="soft">{t('planPage.diff.none')}</p>
                ) : (
                  <>
                    <p>{t('planPage.diff.against', { revision: diff.againstRevision, count: diff.changes.length })}</p>
                    <DiffGrid diff={diff} />
                  </>
                ))}
              {tab === 'diff' && diff && diff.superseded.length > 0 && (
                <ul className="alloc-superseded" aria-label={t('planPage.diff.superseded')}>
                  {diff.superseded.map((o) => (
                    <li key={o.id}>
                      {t('planPage.labelled', {
                        label: plan!.status === 'approved' ? t('allocationPlan.superseded', { day: plan!.day, revision: plan!.revision }) : t('planPage.diff.toCancel', { revision: o.revision }),
                        text: `${o.no} ${o.unitName}`,
                      })}{' '}
                      <span className="badge info">{t(`dispatchStatus.${o.status}`, { defaultValue: o.status })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <ItemTotals items={view.items} day={plan!.day} />
          </div>
        </>
      )}
      {editing && (
        <OverrideDialog
          line={editing.line}
          round={plan!}
          typed={editing.typed}
          onClose={() => setEditing(null)}
          onDone={(edit) => {
            const next = new Map(edits);
            if (edit) next.set(lineKey(editing.line), edit);
            else next.delete(lineKey(editing.line));
            setEdits(next);
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}

/** How many lines differ between two sets of changes. */
function countDiff(a: ReadonlyMap<string, Edit>, b: ReadonlyMap<string, Edit>): number {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k)?.allocated !== b.get(k)?.allocated || a.get(k)?.reason !== b.get(k)?.reason).length;
}
