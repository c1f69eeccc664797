import type { ReactNode } from 'react';
import type { ChannelName } from '../../shared/contract/index.ts';
import type { Role } from '../../shared/domain.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { masterPages } from './master.ts';
import { receivingPages } from './receiving/index.tsx';
import { stockPages } from './stock/index.tsx';
import { dispatchPages } from './dispatch/index.tsx';
import { allocationPages } from './allocation/index.tsx';
import { settingsPages } from './settings/index.tsx';
import { ledgerPages } from './ledger/index.tsx';
import { tracePages } from './trace/index.tsx';
import { supplyPages } from './supply/index.tsx';
import { centerPages } from './center/index.tsx';

/**
 * Every page of the desk, in navigation order. A page appears only to operators who may call
 * the channel it opens with (no page that would answer "forbidden"). Each domain adds its pages
 * here with one line.
 */
export interface Page {
  /** The hash route (#/items) and the i18n key under nav.* */
  id: string;
  /** The channel the page reads first: it decides who sees the page. */
  opens: ChannelName;
  render(role: Role): ReactNode;
}

const master: Page[] = masterPages.map((spec) => ({
  id: spec.id,
  opens: spec.list,
  render: (role) => <DataGrid key={spec.id} spec={spec} role={role} />,
}));

export const pages: Page[] = [...master, ...receivingPages, ...stockPages, ...allocationPages, ...dispatchPages, ...supplyPages, ...tracePages, ...ledgerPages, ...centerPages, ...settingsPages];
