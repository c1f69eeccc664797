import { useTranslation } from 'react-i18next';
import type { DispatchStatus } from '../../../shared/contract/index.ts';

/** An order's status as a coloured word; the colour follows the order through the day. */
export function StatusChip({ status }: { status: DispatchStatus }) {
  const { t } = useTranslation();
  return <span className={`dispatch-status dispatch-status-${status}`}>{t(`dispatchStatus.${status}`)}</span>;
}
