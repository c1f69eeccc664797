import type { Page } from '../index.tsx';
import { PurchasingPage } from './PurchasingPage.tsx';

/** 采购. */
export const supplyPages: Page[] = [{ id: 'purchasing', opens: 'purchaseOrders.list', render: (role) => <PurchasingPage role={role} /> }];
