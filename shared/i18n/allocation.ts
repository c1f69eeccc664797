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
    topUp: '；各档分配后剩余库存补足至全额需求 +{{amount}}',
    topUpPartial: '；各档分配后剩余库存按差额比例补足 +{{amount}}（未补足至全额需求）',
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
      zeroWeight: '{{label}}：{{weightName}}为 0，不参与比例分配',
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
      exprTransit: '{{days}} days × {{daily}} − on hand {{onHand}} − in transit/pending {{inTransit}}',
      need: 'need {{expr}} = {{need}}',
      pack: ', in whole {{unit}} of {{size}}: {{claim}}',
      packQty: '{{packs}} {{unit}} ({{base}})',
      packUnit: 'packs',
      largestRemainder: ' (by largest remainder)',
      topUp: '; topped up to the full need from what the tiers left: +{{amount}}',
      topUpPartial: '; topped up from what the tiers left, in proportion to the gaps: +{{amount}} (short of the full need)',
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
        zeroWeight: '{{label}}: {{weightName}} is 0, no proportional share',
        higherTierShort: '{{label}}: {{need}}; “{{shortTier}}” is short, nothing for this tier',
      },
    },
  },
});
