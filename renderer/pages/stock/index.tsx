import type { Page } from '../index.tsx';
import { StockPage } from './StockPage.tsx';
import { StocktakesPage } from './StocktakesPage.tsx';
import { SupplierContactsPage } from './SupplierContactsPage.tsx';

/** 库存, 盘点 and the suppliers' contact log. */
export const stockPages: Page[] = [
  { id: 'stock', opens: 'stock.list', render: (role) => <StockPage role={role} /> },
  { id: 'stocktakes', opens: 'stocktakes.list', render: (role) => <StocktakesPage role={role} /> },
  { id: 'supplierContacts', opens: 'suppliers.contacts', render: (role) => <SupplierContactsPage role={role} /> },
];
