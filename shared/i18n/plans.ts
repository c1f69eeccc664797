import { bundle } from './shape.ts';

/** Demand reports and allocation plans (the words of the rules themselves are in allocation.ts). */
const zh = {
  nav: { demand: '需求申报', allocation: '分配方案' },
  allocationPlan: {
    orderRemark: '{{day}} 分配方案第 {{revision}} 版',
    status: { preview: '试算', draft: '草稿', approved: '已批准' },
    carried: '沿用 {{day}} 申报',
    notReported: '未申报',
  },
  field: {
    onHandReported: '现有库存',
    dailyNeed: '日需求量',
    minimumNeed: '最低需求量',
    requested: '申请数量',
    need: '净需求',
    claim: '应分',
    computed: '按规则',
    allocated: '分配',
    shortfall: '缺口',
    overrideReason: '调整原因',
    coverDays: '保障天数',
    basis: '比例依据',
  },
  errors: {
    plan_over: '{{item}} 分配合计 {{allocated}}{{unit}} 超过可用库存 {{available}}{{unit}}，不能批准',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    nav: { demand: 'Demand reports', allocation: 'Allocation plans' },
    allocationPlan: {
      orderRemark: 'Allocation plan of {{day}}, revision {{revision}}',
      status: { preview: 'Preview', draft: 'Draft', approved: 'Approved' },
      carried: 'Carried forward from {{day}}',
      notReported: 'Not reported',
    },
    field: {
      onHandReported: 'On hand (reported)',
      dailyNeed: 'Daily need',
      minimumNeed: 'Minimum need',
      requested: 'Requested',
      need: 'Net need',
      claim: 'Claim',
      computed: 'By the rules',
      allocated: 'Allocated',
      shortfall: 'Shortfall',
      overrideReason: 'Reason for change',
      coverDays: 'Days of cover',
      basis: 'Proportional basis',
    },
    errors: {
      plan_over: '{{item}}: {{allocated}} {{unit}} allocated but only {{available}} {{unit}} available; cannot approve',
    },
  },
});
