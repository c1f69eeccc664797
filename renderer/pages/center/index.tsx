import type { Page } from '../index.tsx';
import { CenterPage } from './CenterPage.tsx';

/** 指挥中心: the city's figures, from the command center this depot pushes to. */
export const centerPages: Page[] = [{ id: 'center', opens: 'center.views', render: () => <CenterPage /> }];
