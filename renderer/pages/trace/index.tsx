import type { Page } from '../index.tsx';
import { TracePage } from './TracePage.tsx';
import { WriteOffsPage } from './WriteOffsPage.tsx';

/** 追溯召回 (a lot's story, recalls) and 报损 (write-offs). */
export const tracePages: Page[] = [
  { id: 'trace', opens: 'recalls.list', render: (role) => <TracePage role={role} /> },
  { id: 'writeOffs', opens: 'writeOffs.list', render: (role) => <WriteOffsPage role={role} /> },
];
