import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsWindow, Tally } from '../../../shared/contract/index.ts';
import { useQuery } from '../../api.ts';
import { fmtNumber, fromLocalInput, localTime } from '../../widgets/format.ts';
import { useRefreshOnMoves } from './common.ts';
import { Refusal } from '../../widgets/Refusal.tsx';

const NONE: Tally = { kinds: 0, pieces: 0, amount: 0 };

/** A line of a figures table: the same group today and cumulative (a group may be missing from today). */
interface Line {
  key: string;
  label: string;
  today: Tally;
  cumulative: Tally;
  /** A category under a recipient type. */
  sub?: boolean;
}

/** Lines of a group list, cumulative's order first (it holds every group today has). */
function lines<T extends Tally>(today: readonly T[], cumulative: readonly T[], key: (x: T) => string, label: (x: T) => string, sub?: boolean): Line[] {
  const seen = new Map<string, Line>();
  for (const c of cumulative) seen.set(key(c), { key: key(c), label: label(c), today: NONE, cumulative: c, sub });
  for (const d of today) {
    const line = seen.get(key(d)) ?? { key: key(d), label: label(d), today: NONE, cumulative: NONE, sub };
    seen.set(key(d), { ...line, today: d });
  }
  return [...seen.values()];
}

function TallyTable({ title, rows, total }: { title: string; rows: Line[]; total: { today: Tally; cumulative: Tally } }) {
  const { t } = useTranslation();
  return (
    <section className="stats-table-box">
      <table className="stats-table" aria-label={title}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" />
            <th colSpan={2} scope="colgroup">
              {t('statsPage.today')}
            </th>
            <th colSpan={2} scope="colgroup">
              {t('statsPage.cumulative')}
            </th>
          </tr>
          <tr>
            <th scope="col">{t('statsPage.kinds')}</th>
            <th scope="col">{t('statsPage.pieces')}</th>
            <th scope="col">{t('statsPage.kinds')}</th>
            <th scope="col">{t('statsPage.pieces')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="soft">
                {t('statsPage.nothing')}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key} className={r.sub ? 'sub' : undefined} data-key={r.key}>
              <th scope="row">{r.label}</th>
              <td data-col="todayKinds">{fmtNumber(r.today.kinds)}</td>
              <td data-col="todayPieces">{fmtNumber(r.today.pieces)}</td>
              <td data-col="kinds">{fmtNumber(r.cumulative.kinds)}</td>
              <td data-col="pieces">{fmtNumber(r.cumulative.pieces)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-key="total">
            <th scope="row">{t('statsPage.total')}</th>
            <td data-col="todayKinds">{fmtNumber(total.today.kinds)}</td>
            <td data-col="todayPieces">{fmtNumber(total.today.pieces)}</td>
            <td data-col="kinds">{fmtNumber(total.cumulative.kinds)}</td>
            <td data-col="pieces">{fmtNumber(total.cumulative.pieces)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Card({ id, title, today, cumulative }: { id: string; title: string; today: string; cumulative: string }) {
  const { t } = useTranslation();
  return (
    <section className="stat-card" aria-label={title} data-card={id}>
      <h4>{title}</h4>
      <p className="stat-cumulative" data-window="cumulative">
        {cumulative}
      </p>
      <p className="stat-today" data-window="today">
        {t('statsPage.todayLine', { value: today })}
      </p>
    </section>
  );
}

/** The figures as of a moment (now unless the operator picks one), and the briefing text for that moment. */
export function StatsFigures() {
  const { t } = useTranslation();
  const [atInput, setAtInput] = useState('');
  const at = fromLocalInput(atInput);
  const briefing = useQuery('stats.briefing', at ? { at } : {});
  // Live only while it shows "now": a chosen moment's figures do not move.
  useRefreshOnMoves(briefing.refresh, !at);
  const s = briefing.data?.summary;

  const kp = (x: Tally) => t('statsPage.kindsPieces', { kinds: fmtNumber(x.kinds), pieces: fmtNumber(x.pieces) });
  const docs = (n: number) => t('statsPage.documents', { count: n, n: fmtNumber(n) });
  const unitTypeLabel = (u: string | null) => (u === null ? t('statsPage.lostInTransit') : t(`unitType.${u}`));

  function byUnitType(today: StatsWindow, cumulative: StatsWindow): Line[] {
    const groups = lines(today.dispatched.byUnitType, cumulative.dispatched.byUnitType, (x) => x.unitType ?? 'none', (x) => unitTypeLabel(x.unitType));
    return groups.flatMap((g) => {
      const of = (w: StatsWindow) => w.dispatched.byUnitTypeCategory.filter((x) => (x.unitType ?? 'none') === g.key);
      // The briefing names the categories each recipient type got; the table shows the same.
      return [g, ...lines(of(today), of(cumulative), (x) => `${g.key}:${x.category}`, (x) => t(`category.${x.category}`), true)];
    });
  }

  return (
    <div className="stats-figures">
      <div className="ledger-form stats-moment no-print">
        <label>
          <span>{t('statsPage.at')}</span>
          <input type="datetime-local" value={atInput} onChange={(e) => setAtInput(e.target.value)} />
        </label>
        <button type="button" onClick={() => setAtInput('')} disabled={!atInput}>
          {t('statsPage.now')}
        </button>
        <button type="button" onClick={briefing.refresh}>
          {t('action.refresh')}
        </button>
        {s && (
          <span className="soft" role="status">
            {t('statsPage.asOf', { at: localTime(s.at), depot: s.depotName })}
          </span>
        )}
        {briefing.error && <Refusal>{briefing.error.message}</Refusal>}
      </div>
      {s && (
        <>
          <div className="stat-cards">
            <Card id="received" title={t('statsPage.received')} today={kp(s.today.received.total)} cumulative={kp(s.cumulative.received.total)} />
            <Card id="dispatched" title={t('statsPage.dispatched')} today={kp(s.today.dispatched.total)} cumulative={kp(s.cumulative.dispatched.total)} />
            <Card id="inbound" title={t('statsPage.inbound')} today={docs(s.today.documents.inbound)} cumulative={docs(s.cumulative.documents.inbound)} />
            <Card id="outbound" title={t('statsPage.outbound')} today={docs(s.today.documents.outbound)} cumulative={docs(s.cumulative.documents.outbound)} />
            <Card id="returned" title={t('statsPage.returned')} today={kp(s.today.returned)} cumulative={kp(s.cumulative.returned)} />
            <section className="stat-card" aria-label={t('statsPage.onHand')} data-card="onHand">
              <h4>{t('statsPage.onHand')}</h4>
              <p className="stat-cumulative">{kp(s.onHand)}</p>
              <p className="stat-today soft">{t('statsPage.onHandHint')}</p>
            </section>
          </div>
          <div className="stats-tables">
            <TallyTable
              title={t('statsPage.receivedBySource')}
              rows={lines(s.today.received.bySource, s.cumulative.received.bySource, (x) => x.sourceType, (x) => t(`sourceType.${x.sourceType}`))}
              total={{ today: s.today.received.total, cumulative: s.cumulative.received.total }}
            />
            <TallyTable
              title={t('statsPage.receivedByCategory')}
              rows={lines(s.today.received.byCategory, s.cumulative.received.byCategory, (x) => x.category, (x) => t(`category.${x.category}`))}
              total={{ today: s.today.received.total, cumulative: s.cumulative.received.total }}
            />
            <TallyTable
              title={t('statsPage.dispatchedByUnitType')}
              rows={byUnitType(s.today, s.cumulative)}
              total={{ today: s.today.dispatched.total, cumulative: s.cumulative.dispatched.total }}
            />
            <TallyTable
              title={t('statsPage.dispatchedByCategory')}
              rows={lines(s.today.dispatched.byCategory, s.cumulative.dispatched.byCategory, (x) => x.category, (x) => t(`category.${x.category}`))}
              total={{ today: s.today.dispatched.total, cumulative: s.cumulative.dispatched.total }}
            />
          </div>
          <BriefingBox key={briefing.data!.text} text={briefing.data!.text} />
        </>
      )}
    </div>
  );
}

/**
 * The briefing in a read-only box with 复制. Where the clipboard may not be written (no
 * permission, an insecure page), the whole text is selected for Ctrl+C instead.
 */
function BriefingBox({ text }: { text: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'copied' | 'selected' | null>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      box.current?.focus();
      box.current?.select();
      setCopied('selected');
    }
  }

  return (
    <section className="briefing" aria-labelledby="briefing-title">
      <div className="briefing-head">
        <h3 id="briefing-title">{t('statsPage.briefing')}</h3>
        <button type="button" className="primary no-print" onClick={() => void copy()}>
          {t('statsPage.copy')}
        </button>
        {copied && (
          <span className="status-line saved" role="status">
            {t(`statsPage.${copied}`)}
          </span>
        )}
      </div>
      <textarea ref={box} readOnly value={text} rows={4} aria-labelledby="briefing-title" />
    </section>
  );
}
