import type { Page } from '../index.tsx';
import { DispatchPage } from './DispatchPage.tsx';

/** 出库调拨: orders, picking, shipping and the sign-off of returned slips, on one page. */
export const dispatchPages: Page[] = [{ id: 'dispatch', opens: 'dispatch.list', render: (role) => <DispatchPage role={role} /> }];
