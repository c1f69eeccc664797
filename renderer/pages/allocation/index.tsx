import type { Page } from '../index.tsx';
import { AllocationPage } from './AllocationPage.tsx';
import { DemandPage } from './DemandPage.tsx';

/** 需求申报 and 分配方案: the day's reports from the units, and the round computed from them. */
export const allocationPages: Page[] = [
  { id: 'demand', opens: 'demand.list', render: (role) => <DemandPage role={role} /> },
  { id: 'allocation', opens: 'allocation.list', render: (role) => <AllocationPage role={role} /> },
];
