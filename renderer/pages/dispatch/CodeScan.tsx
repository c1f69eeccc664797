import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { readGs1 } from '../../../shared/gs1.ts';
import { command, useQuery } from '../../api.ts';
import { ScanField } from '../../widgets/ScanField.tsx';

/**
 * While an order is picked: the 药品追溯码 or UDI serial on each piece is scanned and travels with
 * the order (on its slip, in the trace). A GS1 code is read for its serial (21).
 */
export function CodeScan({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const codes = useQuery('dispatch.codes', { id: orderId });
  const onScan = useCallback(
    async (raw: string) => {
      const g = readGs1(raw);
      const code = g?.kind === 'trace' ? g.code : g?.kind === 'gs1' && g.scan.serial ? g.scan.serial : raw.trim();
      const r = await command('dispatch.scanCode', { id: orderId, code });
      if (!r.ok) return { ok: false, text: r.error.message };
      codes.refresh();
      return { ok: true, text: t('dispatch.codes.kept', { code: r.data.code.code, lot: r.data.code.lotNo, n: r.data.onLot }) };
    },
    [orderId, codes, t],
  );
  return (
    <div className="dispatch-codes">
      <ScanField onScan={onScan} />
      {(codes.data ?? []).length > 0 && <p className="soft">{t('dispatch.codes.list', { count: codes.data!.length, codes: codes.data!.map((c) => c.code).join('、') })}</p>}
    </div>
  );
}
