import { bundle } from './shape.ts';

/**
 * Allocation reasons, one sentence per line of a plan. Values arrive already formatted
 * (thousands separators, one decimal for exact shares, pack units), so the sentences stay plain.
 */
const zh = {
  allocation: {
    label: {
      full: '足量供给',
      minimum: '最低需求',
      staff: '按职工比例',
      beds: '按床位比例',
      equal: '平均分配',
    },
    weightName: { staff: '职工数', beds: '床位数', equal: '份数' },
    expr: '{{days}} 天×{{daily}} − 库存 {{onHand}}',
    exprTransit: '{{days}} 天×{{daily}} − 库存 {{onHand}} − 在途/待发 {{inTransit}}',
    need: '需求 {{expr}} = {{need}}',
    pack: '，按每{{unit}} {{size}} 取整 {{claim}}',
    packQty: '{{packs}} {{unit}}（{{base}}）',
    packUnit: '包',
    largestRemainder: '（按最大余数法取整）',
    reason: {
      noNeed: '{{label}}：需求 {{expr}} ≤ 0，无需分配',
      servedFull: '{{label}}：{{need}}{{pack}}，全额',
      servedMinimum: '{{label}}：{{need}}，最低 {{minimum}}{{pack}}，全额 {{claim}}',
      servedProportional: '{{label}}：{{need}}{{pack}}，剩余充足，全额',
      rationedFull: '{{label}}：{{need}}{{pack}}；库存不足按比例 {{pool}} × {{claim}}/{{claimTotal}} = {{exact}} → {{allocated}}',
      rationedMinimum:
        '{{label}}：{{need}}，最低 {{minimum}}{{pack}}；库存不足按比例 {{pool}} × {{claim}}/{{claimTotal}} = {{exact}} → {{allocated}}',
      share: '{{label}}：剩余 {{remaining}} × {{weight}}/{{weightTotal}} = {{exact}} → {{allocated}}',
      shareAfterCaps:
        '{{label}}：剩余 {{remaining}} × {{weight}}/{{weightTotal}} = {{exact}} → {{allocated}}（另有 {{capped}} 家按需求封顶，余量已再分配）',
      capped: '{{label}}：{{need}}{{pack}}，比例份额 {{exact}} 超过需求，全额（多出部分分给其他单位）',
      zeroWeight: '{{label}}：{{weightName}}为 0（未填写？），本轮未分到物资；请在“受领单位”中补填{{weightName}}后重新计算',
      higherTierShort: '{{label}}：{{need}}；{{shortTier}}尚未满足，本级不分配',
    },
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    allocation: {
      label: {
        full: 'Full supply',
        minimum: 'Minimum supply',
        staff: 'By staff',
        beds: 'By beds',
        equal: 'Equal shares',
      },
      weightName: { staff: 'staff count', beds: 'bed count', equal: 'share count' },
      expr: '{{days}} days × {{daily}} − on hand {{onHand}}',
      exprTransit: '{{days}} days × {{daily}} − on hand {{onHand}} − in transit or promised {{inTransit}}',
      need: 'need {{expr}} = {{need}}',
      pack: ', in whole {{unit}} of {{size}}: {{claim}}',
      packQty: '{{packs}} {{unit}} ({{base}})',
      packUnit: 'packs',
      largestRemainder: ' (by largest remainder)',
      reason: {
        noNeed: '{{label}}: need {{expr}} ≤ 0, nothing to allocate',
        servedFull: '{{label}}: {{need}}{{pack}}, in full',
        servedMinimum: '{{label}}: {{need}}, minimum {{minimum}}{{pack}}, in full: {{claim}}',
        servedProportional: '{{label}}: {{need}}{{pack}}, enough left, in full',
        rationedFull: '{{label}}: {{need}}{{pack}}; short, rationed {{pool}} × {{claim}}/{{claimTotal}} = {{exact}} → {{allocated}}',
        rationedMinimum:
          '{{label}}: {{need}}, minimum {{minimum}}{{pack}}; short, rationed {{pool}} × {{claim}}/{{claimTotal}} = {{exact}} → {{allocated}}',
        share: '{{label}}: remaining {{remaining}} × {{weight}}/{{weightTotal}} = {{exact}} → {{allocated}}',
        shareAfterCaps:
          '{{label}}: remaining {{remaining}} × {{weight}}/{{weightTotal}} = {{exact}} → {{allocated}} ({{capped}} more capped at their need, the excess shared again)',
        capped: '{{label}}: {{need}}{{pack}}, proportional share {{exact}} exceeds the need, in full (the excess goes to the others)',
        zeroWeight: '{{label}}: {{weightName}} is 0 (not filled in?), so nothing this round; fill in the {{weightName}} under Recipient units and compute again',
        higherTierShort: '{{label}}: {{need}}; “{{shortTier}}” is short, nothing for this tier',
      },
    },
  },
});
