import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import type { DemandRow } from '../../../shared/contract/allocation.ts';
import type { Item, Unit } from '../../../shared/contract/master.ts';
import type { Role } from '../../../shared/domain.ts';
import { command, mayCall, useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localDay } from '../../widgets/format.ts';
import { wholeNumber } from './bytes.ts';
import { DemandImportDialog } from './DemandImportDialog.tsx';
import { ReportStatusPanel } from './ReportStatusPanel.tsx';
import { ConfirmDialog } from '../../widgets/Dialog.tsx';
import './allocation.css';

type View = 'unit' | 'item';
type Figure = 'onHand' | 'dailyNeed' | 'minimumNeed' | 'requested';

/** One line of the grid: a unit's report of an item, or the place where it would be (no report yet). */
interface Line {
  key: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  itemId: number;
  itemCode: string;
  itemName: string;
  spec: string;
  unit: string;
  report: DemandRow | null;
}

interface Status {
  kind: 'saved' | 'refused';
  text: string;
}

const getRowId = (p: GetRowIdParams<Line>) => p.data.key;

/**
 * 需求申报: the day's reports of one unit across the items, or of one item across the units,
 * typed in cell by cell (each edit is saved with demand.save at once); who has not reported
 * and since when, with carrying the last report forward; and the Excel intake.
 */
export function DemandPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const [day, setDay] = useState(localDay);
  const [view, setView] = useState<View>('unit');
  const [pickedUnit, setPickedUnit] = useState<number | null>(null);
  const [pickedItem, setPickedItem] = useState<number | null>(null);
  const [reportedOnly, setReportedOnly] = useState(false);
  const [importing, setImporting] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const units = useQuery('units.list', {});
  const items = useQuery('items.list', {});
  const reportStatus = useQuery('demand.status', { day });
  const canEdit = mayCall('demand.save', role);
  const canImport = mayCall('demand.importCommit', role);

  // The not-reported units come first in the status list: the desk starts with them. The choice is then
  // kept: saving a figure makes that unit reported, and the page must not move on to the next unit
  // under the operator's typing (four figures landed in four units that way).
  const unitId = pickedUnit ?? reportStatus.data?.[0]?.unitId ?? units.data?.[0]?.id ?? null;
  const itemId = pickedItem ?? items.data?.[0]?.id ?? null;
  useEffect(() => {
    if (pickedUnit === null && unitId !== null && reportStatus.data) setPickedUnit(unitId);
  }, [pickedUnit, unitId, reportStatus.data]);
  useEffect(() => {
    if (pickedItem === null && itemId !== null) setPickedItem(itemId);
  }, [pickedItem, itemId]);
  const [withdrawing, setWithdrawing] = useState(false);
  const reports = useQuery('demand.list', view === 'unit' ? { day, unitId: unitId ?? undefined } : { day, itemId: itemId ?? undefined });

  const lines = useMemo(
    () => buildLines(view, view === 'unit' ? units.data?.find((u) => u.id === unitId) : items.data?.find((i) => i.id === itemId), units.data, items.data, reports.data, reportedOnly),
    [view, unitId, itemId, units.data, items.data, reports.data, reportedOnly],
  );

  const api = useRef<GridApi<Line> | null>(null);
  const refusals = useRef(new Map<string, string>()).current;
  const queue = useRef(Promise.resolve());
  const sent = useRef(new Map<string, { onHand: number; dailyNeed: number; minimumNeed: number; requested: number | null }>()).current;
  useEffect(() => sent.clear(), [day, sent]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<Line>) => {
      const field = e.column.getColId() as Figure;
      const line = e.data;
      if (!line) return;
      const value = wholeNumber(e.newValue);
      const cellKey = `${line.key}:${field}`;
      const refresh = () => {
        const node = e.api.getRowNode(line.key);
        if (node) e.api.refreshCells({ rowNodes: [node], columns: [field], force: true });
      };
      if (value === undefined || (value === null && field !== 'requested')) {
        if (value === null && line.report === null) return;
        refusals.set(cellKey, t('demandPage.notWhole'));
        setStatus({ kind: 'refused', text: t('demandPage.refused', { message: t('demandPage.notWhole') }) });
        refresh();
        return;
      }
      // The row as this desk last sent it, if a save is newer than the grid's copy: figures typed
      // with Tab follow each other faster than the answers, and each save carries the whole row.
      const r = sent.get(line.key) ?? line.report;
      if (r && r[field] === value) return;
      const row = {
        unitId: line.unitId,
        itemId: line.itemId,
        onHand: r?.onHand ?? 0,
        dailyNeed: r?.dailyNeed ?? 0,
        minimumNeed: r?.minimumNeed ?? 0,
        requested: r?.requested ?? null,
        [field]: value,
      };
      sent.set(line.key, row);
      queue.current = queue.current.then(async () => {
        const result = await command('demand.save', { day, rows: [row], source: 'desk' });
        if (result.ok) {
          refusals.delete(cellKey);
          setStatus({ kind: 'saved', text: t('demandPage.saved', { unit: line.unitName, item: line.itemName }) });
        } else {
          sent.delete(line.key);
          refusals.set(cellKey, result.error.message);
          setStatus({ kind: 'refused', text: t('demandPage.refused', { message: result.error.message }) });
        }
        refresh();
      });
    },
    [day, refusals, sent, t],
  );

  const columnDefs = useMemo<ColDef<Line>[]>(() => {
    const figure = (field: Figure, header: string): ColDef<Line> => ({
      colId: field,
      headerName: header,
      type: 'rightAligned',
      width: 110,
      minWidth: 96,
      editable: canEdit,
      valueGetter: (p) => (p.data?.report ? p.data.report[field] : null),
      valueFormatter: (p: ValueFormatterParams<Line>) => (p.value === null || p.value === undefined ? (p.data?.report ? '' : t('demandPage.notReported')) : fmtNumber(p.value as number)),
      cellClassRules: {
        'cell-refused': (p: CellClassParams<Line>) => refusals.has(`${p.data?.key}:${field}`),
        'cell-hint': (p: CellClassParams<Line>) => !p.data?.report,
      },
      tooltipValueGetter: (p: ITooltipParams<Line>) => refusals.get(`${p.data?.key}:${field}`),
    });
    const who: ColDef<Line>[] =
      view === 'unit'
        ? [
            { field: 'itemCode', headerName: t('field.itemCode'), width: 100, minWidth: 90 },
            { field: 'itemName', headerName: t('field.itemName'), flex: 1, minWidth: 140, wrapText: true, autoHeight: true },
            { field: 'spec', headerName: t('demandPage.col.spec'), flex: 1.5, minWidth: 160, wrapText: true, autoHeight: true },
            { field: 'unit', headerName: t('demandPage.col.measure'), width: 70, minWidth: 64 },
          ]
        : [
            { field: 'unitCode', headerName: t('field.code'), width: 100, minWidth: 90 },
            { field: 'unitName', headerName: t('demandPage.unit'), flex: 1, minWidth: 220, wrapText: true, autoHeight: true },
          ];
    return [
      ...who,
      figure('onHand', t('field.onHandReported')),
      figure('dailyNeed', t('field.dailyNeed')),
      figure('minimumNeed', t('field.minimumNeed')),
      figure('requested', t('field.requested')),
      {
        colId: 'source',
        headerName: t('demandPage.col.source'),
        width: 170,
        minWidth: 130,
        valueGetter: (p) => {
          const r = p.data?.report;
          if (!r) return '';
          return r.carriedFrom ? t('allocationPlan.carried', { day: r.carriedFrom }) : t(`demandPage.source.${r.source}`);
        },
        cellRenderer: (p: { data?: Line; value: string }) =>
          p.data?.report?.carriedFrom ? <span className="badge warn">{p.value}</span> : p.value,
      },
    ];
  }, [view, t, canEdit, refusals]);

  const chooser =
    view === 'unit' ? (
      <label className="check">
        <span>{t('demandPage.unit')}</span>
        <select value={unitId ?? ''} onChange={(e) => setPickedUnit(Number(e.target.value))} aria-label={t('demandPage.unit')}>
          {units.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.code} {u.name}
            </option>
          ))}
        </select>
      </label>
    ) : (
      <label className="check">
        <span>{t('demandPage.item')}</span>
        <select value={itemId ?? ''} onChange={(e) => setPickedItem(Number(e.target.value))} aria-label={t('demandPage.item')}>
          {items.data?.map((i) => (
            <option key={i.id} value={i.id}>
              {i.code} {i.name} {i.spec}
            </option>
          ))}
        </select>
      </label>
    );

  const exportCsv = () =>
    api.current?.exportDataAsCsv({
      fileName: `${t('nav.demand')}-${day}.csv`,
      processCellCallback: (p) => (p.column.getColId() === 'source' ? String(p.value ?? '') : p.value === null || p.value === undefined ? '' : String(p.value)),
    });

  return (
    <section className="page demand-page" aria-labelledby="demand-title">
      <div className="toolbar">
        <h2 id="demand-title">{t('nav.demand')}</h2>
        <label className="check">
          <span>{t('demandPage.day')}</span>
          <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} aria-label={t('demandPage.day')} />
        </label>
        <div className="segmented" role="radiogroup" aria-label={t('demandPage.view')}>
          {(['unit', 'item'] as const).map((v) => (
            <button key={v} type="button" role="radio" aria-checked={view === v} onClick={() => setView(v)}>
              {t(v === 'unit' ? 'demandPage.byUnit' : 'demandPage.byItem')}
            </button>
          ))}
        </div>
        {chooser}
        <label className="check">
          <input type="checkbox" checked={reportedOnly} onChange={(e) => setReportedOnly(e.target.checked)} />
          {t('demandPage.reportedOnly')}
        </label>
        <span className="spacer" />
        {canEdit && view === 'unit' && lines?.some((l) => l.report) && (
          <button type="button" className="danger" onClick={() => setWithdrawing(true)}>
            {t('demandPage.withdraw')}
          </button>
        )}
        {canImport && (
          <button type="button" className="primary" onClick={() => setImporting(true)}>
            {t('demandPage.import')}
          </button>
        )}
        <button type="button" onClick={exportCsv}>
          {t('action.exportCsv')}
        </button>
      </div>
      <div className={`status-line ${status?.kind ?? ''}`} role="status">
        {status?.text ?? reports.error?.message ?? (canEdit ? t('demandPage.editHint') : t('demandPage.readOnly'))}
      </div>
      <div className="demand-body">
        <div className="grid">
          <AgGridReact<Line>
            key={`${locale}:${view}`}
            theme={gridTheme}
            localeText={localeText}
            rowData={lines}
            loading={!lines}
            columnDefs={columnDefs}
            defaultColDef={defaultColDef}
            getRowId={getRowId}
            // A line that gets its report moves up at once (no sliding rows under the operator's cursor).
            animateRows={false}
            readOnlyEdit
            onCellEditRequest={onCellEditRequest}
            stopEditingWhenCellsLoseFocus
            rowClassRules={{ 'demand-carried': (p) => Boolean(p.data?.report?.carriedFrom) }}
            tooltipShowDelay={150}
            onGridReady={(e) => (api.current = e.api)}
          />
        </div>
        <ReportStatusPanel
          day={day}
          rows={reportStatus.data}
          error={reportStatus.error}
          canCarry={mayCall('demand.carryForward', role)}
          selected={view === 'unit' ? unitId : null}
          onPick={(id) => {
            setView('unit');
            setPickedUnit(id);
          }}
        />
      </div>
      {withdrawing && unitId !== null && (
        <ConfirmDialog
          title={t('demandPage.withdrawTitle', { unit: units.data?.find((u) => u.id === unitId)?.name ?? '', day })}
          text={t('demandPage.withdrawText', { n: lines?.filter((l) => l.report).length ?? 0 })}
          confirm={t('demandPage.withdraw')}
          onConfirm={async () => {
            const result = await command('demand.withdraw', { day, unitId });
            if (!result.ok) return result.error;
            setWithdrawing(false);
            setStatus({ kind: 'saved', text: t('demandPage.withdrawn', { unit: units.data?.find((u) => u.id === unitId)?.name ?? '', n: result.data.withdrawn }) });
            return null;
          }}
          onClose={() => setWithdrawing(false)}
        />
      )}
      {importing && (
        <DemandImportDialog
          day={day}
          units={units.data ?? []}
          onClose={() => setImporting(false)}
          onImported={(text) => {
            setImporting(false);
            setStatus({ kind: 'saved', text });
          }}
        />
      )}
    </section>
  );
}

/** The grid's lines: every active item for the unit (or every active unit for the item), its report where there is one. */
function buildLines(view: View, chosen: Unit | Item | undefined, units: Unit[] | undefined, items: Item[] | undefined, reports: DemandRow[] | undefined, reportedOnly: boolean): Line[] | undefined {
  if (!units || !items || !reports) return undefined;
  if (!chosen) return [];
  const byKey = new Map(reports.map((r) => [`${r.unitId}:${r.itemId}`, r]));
  const lines: Line[] =
    view === 'unit'
      ? items.map((it) => line(chosen as Unit, it, byKey))
      : units.map((u) => line(u, chosen as Item, byKey));
  const shown = reportedOnly ? lines.filter((l) => l.report) : lines;
  // In code order, whether reported or not: a line that gets its first figure stays where it is, so
  // Tab and Enter go on to the next figure of the same item instead of another item's row.
  return shown;
}

function line(u: Unit, it: Item, byKey: Map<string, DemandRow>): Line {
  return {
    key: `${u.id}:${it.id}`,
    unitId: u.id,
    unitCode: u.code,
    unitName: u.name,
    itemId: it.id,
    itemCode: it.code,
    itemName: it.name,
    spec: it.spec,
    unit: it.unit,
    report: byKey.get(`${u.id}:${it.id}`) ?? null,
  };
}
