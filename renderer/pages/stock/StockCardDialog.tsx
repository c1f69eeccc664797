import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { CardRow } from '../../../shared/contract/index.ts';
import { useQuery } from '../../api.ts';
import { gridTheme } from '../../theme.ts';
import { Dialog } from '../../widgets/Dialog.tsx';
import { defaultColDef, useGridLocale } from '../../widgets/grid.tsx';
import { fmtNumber, localTime, yuan } from '../../widgets/format.ts';

/** 明细账: every ledger row of an item (or of one of its lots) with the running balance. */
export function StockCardDialog({ itemId, lot, onClose }: { itemId: number; lot: { id: number; no: string } | null; onClose(): void }) {
  const { t } = useTranslation();
  const { locale, localeText } = useGridLocale();
  const [oneLot, setOneLot] = useState(lot !== null);
  const card = useQuery('stock.card', oneLot && lot ? { itemId, lotId: lot.id } : { itemId });

  const columnDefs = useMemo(
    (): ColDef<CardRow>[] => [
      { colId: 'at', headerName: t('stockCard.at'), width: 140, valueGetter: (p) => p.data?.at, valueFormatter: (p) => localTime(p.value as string) },
      { colId: 'docType', headerName: t('stockCard.docType'), width: 100, valueGetter: (p) => (p.data ? t(`docType.${p.data.docType}`, { defaultValue: p.data.docType }) : '') },
      { colId: 'docNo', headerName: t('stockCard.docNo'), width: 150, valueGetter: (p) => p.data?.docNo },
      { colId: 'lotNo', headerName: t('field.lotNo'), width: 110, valueGetter: (p) => p.data?.lotNo },
      { colId: 'locationCode', headerName: t('field.location'), width: 90, valueGetter: (p) => p.data?.locationCode },
      { colId: 'qtyIn', headerName: t('stockCard.in'), type: 'rightAligned', width: 90, valueGetter: (p) => p.data?.qtyIn, valueFormatter: (p) => ((p.value as number) ? fmtNumber(p.value as number) : '') },
      { colId: 'qtyOut', headerName: t('stockCard.out'), type: 'rightAligned', width: 90, valueGetter: (p) => p.data?.qtyOut, valueFormatter: (p) => ((p.value as number) ? fmtNumber(p.value as number) : '') },
      { colId: 'balance', headerName: t('stockCard.balance'), type: 'rightAligned', width: 100, valueGetter: (p) => p.data?.balance, valueFormatter: (p) => fmtNumber(p.value as number), cellClass: 'strong' },
      { colId: 'amount', headerName: t('receiving.col.amount'), type: 'rightAligned', width: 110, valueGetter: (p) => p.data?.amount ?? null, valueFormatter: (p) => yuan(p.value as number | null) },
      { colId: 'counterparty', headerName: t('stockCard.counterparty'), flex: 1, minWidth: 140, valueGetter: (p) => p.data?.counterparty ?? '' },
      { colId: 'operator', headerName: t('stockCard.operator'), width: 90, valueGetter: (p) => p.data?.operator },
    ],
    [t],
  );

  const data = card.data;
  return (
    <Dialog wide title={t('stockCard.title', { item: data?.itemName ?? '' })} onClose={onClose}>
      <div className="toolbar">
        {lot && (
          <span className="segmented" role="group" aria-label={t('stockCard.scope')}>
            <button type="button" aria-pressed={oneLot} onClick={() => setOneLot(true)}>
              {t('stockCard.thisLot', { lot: lot.no || '—' })}
            </button>
            <button type="button" aria-pressed={!oneLot} onClick={() => setOneLot(false)}>
              {t('stockCard.allLots')}
            </button>
          </span>
        )}
        <span className="spacer" />
        {data && (
          <span className="card-balance">
            {t('stockCard.closing')} <b>{fmtNumber(data.balance)}</b> {data.unit} · {t('stockCard.rows', { count: data.rows.length })}
          </span>
        )}
      </div>
      {card.error && (
        <p className="error-text" role="alert">
          {card.error.message}
        </p>
      )}
      <div className="card-grid">
        <AgGridReact<CardRow>
          key={locale}
          theme={gridTheme}
          localeText={localeText}
          rowData={data?.rows}
          loading={card.loading && !data}
          columnDefs={columnDefs}
          defaultColDef={{ ...defaultColDef, sortable: false }}
          getRowId={(p) => String(p.data.movementId)}
        />
      </div>
    </Dialog>
  );
}
