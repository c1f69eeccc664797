import type { Page } from '../index.tsx';
import { ReceiptsPage } from './ReceiptsPage.tsx';

/** 入库. */
export const receivingPages: Page[] = [{ id: 'receipts', opens: 'receipts.list', render: (role) => <ReceiptsPage role={role} /> }];
