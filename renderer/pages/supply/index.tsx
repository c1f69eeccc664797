import type { Page } from '../index.tsx';
import { PurchasingPage } from './PurchasingPage.tsx';
import { DonationsPage } from './DonationsPage.tsx';

/** 采购, 捐赠. */
export const supplyPages: Page[] = [
  { id: 'purchasing', opens: 'purchaseOrders.list', render: (role) => <PurchasingPage role={role} /> },
  { id: 'donations', opens: 'pledges.list', render: (role) => <DonationsPage role={role} /> },
];
