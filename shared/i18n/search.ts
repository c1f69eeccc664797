import { bundle } from './shape.ts';

/** 单号搜索 and 最近单据 in the top bar. */
export default bundle({
  'zh-CN': {
    docSearch: {
      label: '单号搜索',
      placeholder: '单号搜索（Ctrl+K）',
      recent: '最近单据',
      noRecent: '还没有经手过的单据',
      found: '找到 {{count}} 张单据',
      none: '没有单号含“{{text}}”的单据',
      draft: '草稿（过账后编号）',
    },
  },
  en: {
    docSearch: {
      label: 'Find a document',
      placeholder: 'Document number (Ctrl+K)',
      recent: 'Recent documents',
      noRecent: 'No documents worked on yet',
      found: '{{count}} documents found',
      none: 'No document number contains “{{text}}”',
      draft: 'draft (numbered when posted)',
    },
  },
});
