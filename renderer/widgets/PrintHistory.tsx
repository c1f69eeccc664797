import { useTranslation } from 'react-i18next';
import type { PrintDocType } from '../../shared/contract/print.ts';
import { useQuery } from '../api.ts';
import { localTime } from './format.ts';

/**
 * 打印记录: every time a document went to paper or to a PDF, oldest first — when, by whom, how many
 * copies on what paper and printer, and which print was a 补打. Opened from the preview.
 */
export function PrintHistory({ docType, docId }: { docType: PrintDocType; docId: number }) {
  const { t } = useTranslation();
  const history = useQuery('print.history', { docType, docId });
  const rows = history.data ?? [];
  return (
    <details className="print-history">
      <summary>{rows.length === 0 ? t('widgets.printHistory.never') : t('widgets.printHistory.summary', { count: rows.length })}</summary>
      {rows.length > 0 && (
        <table aria-label={t('widgets.printHistory.title')}>
          <thead>
            <tr>
              <th>{t('widgets.printHistory.at')}</th>
              <th>{t('widgets.printHistory.operator')}</th>
              <th>{t('widgets.printHistory.which')}</th>
              <th>{t('widgets.printHistory.output')}</th>
              <th>{t('widgets.printHistory.paper')}</th>
              <th className="num">{t('widgets.printHistory.copies')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{localTime(r.at)}</td>
                <td>{r.operator}</td>
                <td>{r.reprint === 0 ? t('widgets.printHistory.first') : t('documents.reprint', { count: r.reprint })}</td>
                <td>{r.output === 'printer' ? (r.printer ?? t('widgets.printHistory.defaultPrinter')) : t(`widgets.printHistory.out.${r.output}`)}</td>
                <td>{r.paper}</td>
                <td className="num">{r.copies}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
