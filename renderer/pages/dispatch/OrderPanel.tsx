import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchOrder } from '../../../shared/contract/index.ts';
import type { Role } from '../../../shared/domain.ts';
import type { AppError, Result } from '../../../shared/errors.ts';
import { command, mayCall, onEvent, useQuery } from '../../api.ts';
import { fmtNumber, fullTime } from './format.ts';
import { OrderForm } from './OrderForm.tsx';
import { PicksTable, pickedOf, type PickRow } from './PicksTable.tsx';
import { SignOffForm } from './SignOffForm.tsx';
import { StatusChip } from './StatusChip.tsx';
import { SlipPrint, printable } from './SlipPrint.tsx';
import { CodeScan } from './CodeScan.tsx';

type Mode = 'view' | 'edit' | 'ship' | 'cancel' | 'reverse' | 'signOff' | 'unapprove';

interface Note {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * One order: its header, its lines with the lots picked for them, and the next steps this
 * operator may take in its status (the buttons follow mayCall and the status, so nothing
 * offered is refused as forbidden).
 */
export function OrderPanel(props: { id: number; role: Role; signOff?: boolean; onClose(): void; onSignedOff?(): void }) {
  const { t } = useTranslation();
  const { role } = props;
  const query = useQuery('dispatch.get', { id: props.id });
  const order = query.data?.id === props.id ? query.data : undefined;
  const [mode, setMode] = useState<Mode>(props.signOff ? 'signOff' : 'view');
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);

  if (!order) {
    return (
      <section className="dispatch-panel" aria-label={t('dispatch.panel.title')}>
        <p className={query.error ? 'dispatch-error' : 'dispatch-soft'} role={query.error ? 'alert' : undefined}>
          {query.error ? query.error.message : t('app.loading')}
        </p>
      </section>
    );
  }

  const s = order.status;
  const reversal = Boolean(order.reversesNo || order.reversedByNo);
  const may = {
    edit: s === 'draft' && mayCall('dispatch.update', role),
    approve: s === 'draft' && mayCall('dispatch.approve', role),
    pick: s === 'approved' && mayCall('dispatch.pick', role),
    ship: (s === 'approved' || s === 'picked') && mayCall('dispatch.ship', role),
    cancel: (s === 'draft' || s === 'approved' || s === 'picked') && mayCall('dispatch.cancel', role),
    unapprove: (s === 'approved' || s === 'picked') && mayCall('dispatch.unapprove', role),
    signOff: s === 'shipped' && !reversal && mayCall('dispatch.deliver', role),
    reverse: (s === 'shipped' || s === 'delivered') && !reversal && order.discrepancies.length === 0 && mayCall('dispatch.reverse', role),
  };

  /** Every step: the core answers with the order as it now is, shown at once. */
  async function step(run: () => Promise<Result<DispatchOrder>>, done: (o: DispatchOrder) => string): Promise<AppError | null> {
    setBusy(true);
    const result = await run();
    setBusy(false);
    if (!result.ok) {
      setNote({ kind: 'error', text: result.error.message });
      if (result.error.code === 'stale') query.refresh();
      return result.error;
    }
    query.setData(() => result.data);
    setMode('view');
    setNote({ kind: 'ok', text: done(result.data) });
    return null;
  }

  const saved = (o: DispatchOrder) => {
    query.setData(() => o);
    setMode('view');
    setNote({ kind: 'ok', text: t('dispatch.done.saved', { no: o.no }) });
  };

  if (mode === 'edit') {
    return (
      <section className="dispatch-panel" aria-label={t('dispatch.panel.title')}>
        <OrderForm order={order} onSaved={saved} onCancel={() => setMode('view')} />
      </section>
    );
  }

  const picks: PickRow[] = order.lines.flatMap((l) => l.picks);

  return (
    <section className="dispatch-panel" aria-label={t('dispatch.panel.title')}>
      <div className="dispatch-panel-head">
        <h3>
          {t('dispatch.panel.order')} <span className="dispatch-no">{order.no}</span>
        </h3>
        <StatusChip status={s} />
        {order.priority === 'urgent' && <span className="dispatch-urgent">{t('priority.urgent')}</span>}
        {order.reversesNo && <span className="dispatch-reversal">{t('dispatch.reverses', { no: order.reversesNo })}</span>}
        {order.reversedByNo && <span className="dispatch-reversal">{t('dispatch.reversedBy', { no: order.reversedByNo })}</span>}
        <span className="spacer" />
        {may.edit && (
          <button type="button" onClick={() => setMode('edit')}>
            {t('dispatch.action.edit')}
          </button>
        )}
        {may.pick && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void step(() => command('dispatch.pick', { id: order.id, version: order.version }), (o) => t('dispatch.done.picked', { no: o.no }))}
          >
            {t('dispatch.action.pick')}
          </button>
        )}
        {may.ship && (
          <button type="button" className={mode === 'ship' ? 'primary' : undefined} onClick={() => setMode('ship')}>
            {t('dispatch.action.ship')}
          </button>
        )}
        {may.signOff && (
          <button type="button" className={mode === 'signOff' ? 'primary' : undefined} onClick={() => setMode('signOff')}>
            {t('dispatch.action.signOff')}
          </button>
        )}
        {may.unapprove && (
          <button type="button" onClick={() => setMode('unapprove')}>
            {t('dispatch.unapprove.button')}
          </button>
        )}
        {may.cancel && (
          <button type="button" onClick={() => setMode('cancel')}>
            {t('dispatch.action.cancel')}
          </button>
        )}
        {may.reverse && (
          <button type="button" onClick={() => setMode('reverse')}>
            {t('dispatch.action.reverse')}
          </button>
        )}
        <button type="button" onClick={props.onClose} aria-label={t('dispatch.panel.close')} title={t('dispatch.panel.close')}>
          ×
        </button>
      </div>

      <div className={`dispatch-note ${note?.kind ?? ''}`} role="status">
        {note?.text}
      </div>

      <OrderHeader order={order} />
      {printable(order) && <SlipPrint order={order} />}

      {mode === 'ship' && (
        <ShipForm
          order={order}
          busy={busy}
          onBack={() => setMode('view')}
          onShip={(extra) =>
            step(
              () => command('dispatch.ship', { id: order.id, version: order.version, ...extra }),
              (o) => (o.totals.short > 0 && extra.rest === 'keep' ? t('dispatch.done.shippedRest', { no: o.no }) : t('dispatch.done.shipped', { no: o.no })),
            )
          }
        />
      )}
      {mode === 'cancel' && (
        <ReasonForm
          title={t('dispatch.cancel.title', { no: order.no })}
          label={t('dispatch.cancel.reason')}
          confirm={t('dispatch.cancel.confirm')}
          busy={busy}
          onBack={() => setMode('view')}
          onSubmit={(reason) => step(() => command('dispatch.cancel', { id: order.id, version: order.version, reason }), (o) => t('dispatch.done.cancelled', { no: o.no }))}
        />
      )}
      {mode === 'unapprove' && (
        <ReasonForm
          title={t('dispatch.unapprove.title', { no: order.no })}
          hint={t('dispatch.unapprove.hint')}
          label={t('dispatch.unapprove.reason')}
          confirm={t('dispatch.unapprove.button')}
          busy={busy}
          onBack={() => setMode('view')}
          onSubmit={(reason) => step(() => command('dispatch.unapprove', { id: order.id, version: order.version, reason }), () => t('dispatch.unapprove.done'))}
        />
      )}
      {mode === 'reverse' && (
        <ReasonForm
          title={t('dispatch.reverse.title', { no: order.no })}
          hint={t('dispatch.reverse.hint')}
          label={t('dispatch.reverse.reason')}
          confirm={t('dispatch.reverse.confirm')}
          busy={busy}
          onBack={() => setMode('view')}
          onSubmit={(reason) => step(() => command('dispatch.reverse', { id: order.id, reason }), (o) => t('dispatch.done.reversed', { no: order.no, reversal: o.no }))}
        />
      )}
      {mode === 'signOff' && may.signOff && (
        <SignOffForm
          order={order}
          onBack={() => setMode('view')}
          onDone={(o) => {
            query.setData(() => o);
            setMode('view');
            setNote({ kind: 'ok', text: t('dispatch.done.delivered', { no: o.no, receiver: o.receiver ?? '' }) });
            props.onSignedOff?.();
          }}
        />
      )}
      {mode === 'signOff' && !may.signOff && (
        <p className="dispatch-error" role="alert">
          {t('dispatch.signOff.notNow', { no: order.no, status: t(`dispatchStatus.${s}`) })}
        </p>
      )}

      {s === 'draft' ? (
        <DraftPicks key={order.version} order={order} mayApprove={may.approve} onApproved={(o) => { query.setData(() => o); setNote({ kind: 'ok', text: t('dispatch.done.approved', { no: o.no }) }); }} />
      ) : (
        <>
          <h4>{t('dispatch.picks.title')}</h4>
          <PicksTable lines={order.lines} picks={picks} />
          {(s === 'approved' || s === 'picked') && mayCall('dispatch.scanCode', props.role) && <CodeScan orderId={order.id} />}
        </>
      )}

      {order.discrepancies.length > 0 && <Discrepancies order={order} />}
    </section>
  );
}

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  if (children === '' || children === null || children === undefined || children === false) return null;
  return (
    <div className={wide ? 'dispatch-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function OrderHeader({ order }: { order: DispatchOrder }) {
  const { t } = useTranslation();
  const amount = order.totals.amount;
  return (
    <dl className="dispatch-header">
      <Field label={t('field.recipient')} wide>
        {order.unitName} <span className="dispatch-soft">({order.unitCode} · {t(`unitType.${order.unitType}`)})</span>
      </Field>
      <Field label={t('field.address')}>{order.unitAddress}</Field>
      <Field label={t('field.contact')}>{[order.unitContact, order.unitPhone].filter(Boolean).join(' ')}</Field>
      <Field label={t('field.requestedAt')}>{fullTime(order.requestedAt)}</Field>
      <Field label={t('field.vehicle')}>{order.vehicle}</Field>
      <Field label={t('field.driver')}>{[order.driver, order.driverPhone].filter(Boolean).join(' ')}</Field>
      <Field label={t('dispatch.col.kindsPieces')}>
        {t('dispatch.kindsPieces', { kinds: order.totals.kinds, pieces: fmtNumber(order.totals.pieces) })}
        {amount !== null &&
          order.status !== 'draft' &&
          ` · ${order.totals.unpricedPieces > 0 ? t('dispatch.amountPartly', { amount: (amount / 100).toFixed(2), pieces: fmtNumber(order.totals.unpricedPieces) }) : t('dispatch.amount', { amount: (amount / 100).toFixed(2) })}`}
      </Field>
      <Field label={t('dispatch.col.created')}>{`${order.createdBy} ${fullTime(order.createdAt)}`}</Field>
      <Field label={t('dispatch.col.approved')}>{order.approvedBy ? `${order.approvedBy} ${fullTime(order.approvedAt)}` : ''}</Field>
      <Field label={t('dispatch.col.shippedAt')}>{fullTime(order.shippedAt)}</Field>
      <Field label={t('dispatch.col.delivered')}>{order.deliveredAt ? `${order.receiver ?? ''} ${fullTime(order.deliveredAt)}` : ''}</Field>
      <Field label={t('dispatch.col.backorderOf')}>{order.backorderOf}</Field>
      <Field label={t('dispatch.col.plan')}>{order.planId ? t('dispatch.planNo', { id: order.planId }) : ''}</Field>
      <Field label={t('field.remarks')} wide>
        {order.remarks}
      </Field>
      <Field label={t('dispatch.col.deliveryNote')} wide>
        {order.deliveryNote}
      </Field>
      <Field label={t('dispatch.col.cancelReason')} wide>
        {order.cancelReason}
      </Field>
    </dl>
  );
}

/**
 * A draft's lines with the first-expired-first-out proposal (read again whenever stock or
 * orders change). An approver may change it; the picks shown are the picks approved.
 */
function DraftPicks({ order, mayApprove, onApproved }: { order: DispatchOrder; mayApprove: boolean; onApproved(o: DispatchOrder): void }) {
  const { t } = useTranslation();
  const proposal = useQuery('dispatch.proposePicks', { id: order.id });
  const { refresh } = proposal;
  useEffect(() => onEvent('data.changed', (p) => p.entity === 'stock' && refresh()), [refresh]);
  const [edited, setEdited] = useState<PickRow[] | null>(null);
  const [allowShort, setAllowShort] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picks = edited ?? proposal.data ?? [];
  const shortLines = order.lines.filter((l) => pickedOf(picks, l.id) < l.qty).length;

  async function approve() {
    setBusy(true);
    setError(null);
    const result = await command('dispatch.approve', {
      id: order.id,
      version: order.version,
      picks: picks.filter((p) => p.qty > 0).map((p) => ({ lineId: p.lineId, lotId: p.lotId, locationId: p.locationId, qty: p.qty })),
      allowShort,
    });
    setBusy(false);
    if (result.ok) onApproved(result.data);
    else setError(result.error.message);
  }

  return (
    <div className="dispatch-draft-picks">
      <div className="dispatch-section-head">
        <h4>{t('dispatch.picks.proposalTitle')}</h4>
        {edited && <span className="dispatch-soft">{t('dispatch.picks.edited')}</span>}
        {shortLines > 0 && <span className="dispatch-short">{t('dispatch.picks.shortLines', { count: shortLines })}</span>}
        <span className="spacer" />
        {mayApprove && (
          <>
            {edited && (
              <button type="button" onClick={() => setEdited(null)}>
                {t('dispatch.picks.reset')}
              </button>
            )}
            <label className="check">
              <input type="checkbox" checked={allowShort} onChange={(e) => setAllowShort(e.target.checked)} />
              {t('dispatch.picks.allowShort')}
            </label>
            <button type="button" className="primary" disabled={busy || proposal.loading} onClick={() => void approve()}>
              {t('dispatch.action.approve')}
            </button>
          </>
        )}
      </div>
      {error && (
        <p className="dispatch-error" role="alert">
          {error}
        </p>
      )}
      {proposal.error ? (
        <p className="dispatch-error" role="alert">
          {proposal.error.message}
        </p>
      ) : (
        <PicksTable lines={order.lines} picks={picks} proposal editable={mayApprove} onChange={setEdited} />
      )}
    </div>
  );
}

function ShipForm(props: {
  order: DispatchOrder;
  busy: boolean;
  onBack(): void;
  onShip(extra: { rest: 'keep' | 'cancel'; vehicle: string; driver: string; driverPhone: string }): Promise<AppError | null>;
}) {
  const { t } = useTranslation();
  const { order } = props;
  const [vehicle, setVehicle] = useState(order.vehicle);
  const [driver, setDriver] = useState(order.driver);
  const [driverPhone, setDriverPhone] = useState(order.driverPhone);
  const [rest, setRest] = useState<'keep' | 'cancel'>('keep');
  const [error, setError] = useState<AppError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(await props.onShip({ rest, vehicle, driver, driverPhone }));
  }

  return (
    <form className="dispatch-subform" onSubmit={(e) => void submit(e)} aria-label={t('dispatch.ship.title', { no: order.no })}>
      <h4>{t('dispatch.ship.title', { no: order.no })}</h4>
      <div className="dispatch-fields">
        <label>
          <span>{t('field.vehicle')}</span>
          <input value={vehicle} autoComplete="off" aria-invalid={error?.field === 'vehicle' || undefined} onChange={(e) => setVehicle(e.target.value)} />
        </label>
        <label>
          <span>{t('field.driver')}</span>
          <input value={driver} autoComplete="off" aria-invalid={error?.field === 'driver' || undefined} onChange={(e) => setDriver(e.target.value)} />
        </label>
        <label>
          <span>{t('field.driverPhone')}</span>
          <input value={driverPhone} autoComplete="off" aria-invalid={error?.field === 'driverPhone' || undefined} onChange={(e) => setDriverPhone(e.target.value)} />
        </label>
      </div>
      {order.totals.short > 0 && (
        <fieldset className="dispatch-rest">
          <legend className="dispatch-short">{t('dispatch.ship.restLegend', { qty: fmtNumber(order.totals.short) })}</legend>
          <label className="check">
            <input type="radio" name="rest" checked={rest === 'keep'} onChange={() => setRest('keep')} />
            {t('dispatch.ship.keep')}
          </label>
          <label className="check">
            <input type="radio" name="rest" checked={rest === 'cancel'} onChange={() => setRest('cancel')} />
            {t('dispatch.ship.drop')}
          </label>
        </fieldset>
      )}
      <div className="dispatch-actions">
        <span className="spacer" />
        <button type="submit" className="primary" disabled={props.busy}>
          {t('dispatch.ship.confirm')}
        </button>
        <button type="button" onClick={props.onBack}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReasonForm(props: { title: string; hint?: string; label: string; confirm: string; busy: boolean; onBack(): void; onSubmit(reason: string): Promise<AppError | null> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="dispatch-subform"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit(reason).then((error) => setInvalid(error?.field === 'reason'));
      }}
    >
      <h4>{props.title}</h4>
      {props.hint && <p className="dispatch-soft">{props.hint}</p>}
      <div className="dispatch-fields">
        <label className="dispatch-wide">
          <span>
            {props.label}
            <em aria-hidden="true"> *</em>
          </span>
          <input autoFocus value={reason} autoComplete="off" aria-invalid={invalid || undefined} onChange={(e) => setReason(e.target.value)} />
        </label>
      </div>
      <div className="dispatch-actions">
        <span className="spacer" />
        <button type="submit" className="primary" disabled={props.busy}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onBack}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

function Discrepancies({ order }: { order: DispatchOrder }) {
  const { t } = useTranslation();
  return (
    <>
      <h4>{t('dispatch.signOff.discrepancies')}</h4>
      <table className="dispatch-table" aria-label={t('dispatch.signOff.discrepancies')}>
        <thead>
          <tr>
            <th>{t('dispatch.col.item')}</th>
            <th>{t('field.lotNo')}</th>
            <th>{t('dispatch.signOff.kind')}</th>
            <th className="num">{t('field.qty')}</th>
            <th>{t('dispatch.signOff.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {order.discrepancies.map((d, i) => {
            const line = order.lines.find((l) => l.id === d.lineId);
            return (
              <tr key={i}>
                <td>{line ? `${line.lineNo}. ${line.itemName}` : ''}</td>
                <td>{d.lotNo || '—'}</td>
                <td className="dispatch-short">{t(`dispatch.discrepancy.${d.kind}`)}</td>
                <td className="num">{`${fmtNumber(d.qty)}${line?.unit ?? ''}`}</td>
                <td>{d.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
