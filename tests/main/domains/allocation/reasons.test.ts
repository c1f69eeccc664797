import { describe, expect, it } from 'vitest';
import { computeAllocation, type AllocationInput } from '../../../../main/domains/allocation/engine.ts';
import { describeReason } from '../../../../main/domains/allocation/reasons.ts';
import { createI18n } from '../../../../shared/i18n/index.ts';

const zh = createI18n('zh-CN');
const en = createI18n('en');

const units: AllocationInput['units'] = [
  { unitId: 1, code: 'D01', tier: 'full', staffCount: 900, beds: 300 },
  { unitId: 2, code: 'D02', tier: 'full', staffCount: 700, beds: 200 },
  { unitId: 3, code: 'H01', tier: 'minimum', staffCount: 300, beds: 100 },
  { unitId: 4, code: 'H02', tier: 'minimum', staffCount: 200, beds: 80 },
  { unitId: 5, code: 'T01', tier: 'proportional', staffCount: 86, beds: 10 },
  { unitId: 6, code: 'T02', tier: 'proportional', staffCount: 154, beds: 20 },
  { unitId: 7, code: 'T03', tier: 'proportional', staffCount: 1_000, beds: 0 },
];
const demand = (unitId: number, onHand: number, dailyNeed: number, minimumNeed = 0, inTransit = 0, itemId = 1) => ({
  unitId,
  itemId,
  onHand,
  dailyNeed,
  minimumNeed,
  inTransit,
});

function reasons(input: AllocationInput, i18n = zh): string[] {
  const round = computeAllocation(input);
  return round.lines.map((l) => describeReason(l, round, i18n));
}

describe('allocation reasons in words', () => {
  it('tells the county bureau round in Chinese, line by line', () => {
    const lines = reasons({
      coverDays: 3,
      items: [{ itemId: 1, available: 10_000, reserve: { percent: 10 } }],
      units,
      demands: [
        demand(1, 300, 500),
        demand(2, 500, 1_000, 0, 500),
        demand(3, 200, 400, 600),
        demand(4, 0, 300, 500),
        demand(5, 300, 200),
        demand(6, 0, 1_000),
        demand(7, 0, 2_000),
      ],
    });
    expect(lines).toEqual([
      '足量供给：需求 3 天×500 − 库存 300 = 1,200，全额',
      '足量供给：需求 3 天×1,000 − 库存 500 − 在途/待发 500 = 2,000，全额',
      '最低需求：需求 3 天×400 − 库存 200 = 1,000，最低 600，全额 600',
      '最低需求：需求 3 天×300 − 库存 0 = 900，最低 500，全额 500',
      '按职工比例：需求 3 天×200 − 库存 300 = 300，比例份额 327.9 超过需求，全额（多出部分分给其他单位）',
      '按职工比例：剩余 4,400 × 154/1,154 = 587.2 → 587（另有 1 家按需求封顶，余量已再分配）',
      '按职工比例：剩余 4,400 × 1,000/1,154 = 3,812.8 → 3,813（另有 1 家按需求封顶，余量已再分配）',
    ]);
  });

  it('shows the staff share as the issue asks, and says when largest remainder rounds the other way', () => {
    const lines = reasons({
      coverDays: 1,
      items: [{ itemId: 1, available: 8_000 }],
      units,
      demands: [demand(5, 0, 9_000), demand(6, 0, 9_000), demand(7, 0, 9_000)],
    });
    expect(lines).toEqual([
      '按职工比例：剩余 8,000 × 86/1,240 = 554.8 → 555',
      '按职工比例：剩余 8,000 × 154/1,240 = 993.5 → 993（按最大余数法取整）',
      '按职工比例：剩余 8,000 × 1,000/1,240 = 6,451.6 → 6,452',
    ]);
  });

  it('explains rationing, empty tiers, no need and zero staff', () => {
    const lines = reasons({
      coverDays: 3,
      items: [{ itemId: 1, available: 4_000 }],
      units,
      demands: [
        demand(1, 300, 500),
        demand(2, 500, 1_000, 0, 500),
        demand(3, 200, 400, 600),
        demand(4, 0, 300, 500),
        demand(5, 1_600, 500),
        demand(6, 0, 1_000),
      ],
    });
    expect(lines).toEqual([
      '足量供给：需求 3 天×500 − 库存 300 = 1,200，全额',
      '足量供给：需求 3 天×1,000 − 库存 500 − 在途/待发 500 = 2,000，全额',
      '最低需求：需求 3 天×400 − 库存 200 = 1,000，最低 600；库存不足按比例 800 × 600/1,100 = 436.4 → 436',
      '最低需求：需求 3 天×300 − 库存 0 = 900，最低 500；库存不足按比例 800 × 500/1,100 = 363.6 → 364',
      '按职工比例：需求 3 天×500 − 库存 1,600 ≤ 0，无需分配',
      '按职工比例：需求 3 天×1,000 − 库存 0 = 3,000；最低需求尚未满足，本级不分配',
    ]);
  });

  it('leaves out a unit without staff, and says so', () => {
    const lines = reasons({
      coverDays: 1,
      items: [{ itemId: 1, available: 100 }],
      units: [...units, { unitId: 8, code: 'T04', tier: 'proportional', staffCount: 0, beds: 0 }],
      demands: [demand(5, 0, 1_000), demand(8, 0, 1_000)],
    });
    expect(lines).toEqual(['按职工比例：剩余 100 × 86/86 = 100 → 100', '按职工比例：职工数为 0，不参与比例分配']);
  });

  it('counts boxes when allocating whole boxes', () => {
    const lines = reasons({
      coverDays: 3,
      items: [{ itemId: 2, available: 1_030, packSize: 50, packUnit: '盒' }],
      units,
      demands: [demand(1, 290, 500, 0, 0, 2), demand(2, 0, 130, 0, 0, 2), demand(3, 0, 130, 50, 0, 2)],
    });
    expect(lines).toEqual([
      '足量供给：需求 3 天×500 − 库存 290 = 1,210，按每盒 50 取整 24 盒（1,200）；库存不足按比例 20 盒 × 24/31 = 15.5 → 15 盒（750）（按最大余数法取整）',
      '足量供给：需求 3 天×130 − 库存 0 = 390，按每盒 50 取整 7 盒（350）；库存不足按比例 20 盒 × 7/31 = 4.5 → 5 盒（250）',
      '最低需求：需求 3 天×130 − 库存 0 = 390；足量供给尚未满足，本级不分配',
    ]);
  });

  it('speaks English when asked', () => {
    const lines = reasons(
      {
        coverDays: 3,
        basis: 'beds',
        items: [{ itemId: 1, available: 2_000 }],
        units,
        demands: [demand(1, 300, 500), demand(3, 200, 400, 600), demand(5, 0, 100), demand(6, 0, 1_000)],
      },
      en,
    );
    expect(lines).toEqual([
      'Full supply: need 3 days × 500 − on hand 300 = 1,200, in full',
      'Minimum supply: need 3 days × 400 − on hand 200 = 1,000, minimum 600, in full: 600',
      'By beds: remaining 200 × 10/30 = 66.7 → 67',
      'By beds: remaining 200 × 20/30 = 133.3 → 133',
    ]);
    const short = reasons({ coverDays: 3, items: [{ itemId: 1, available: 1_000 }], units, demands: [demand(1, 300, 500), demand(3, 200, 400, 600)] }, en);
    expect(short).toEqual([
      'Full supply: need 3 days × 500 − on hand 300 = 1,200; short, rationed 1,000 × 1,200/1,200 = 1,000 → 1,000',
      'Minimum supply: need 3 days × 400 − on hand 200 = 1,000; “Full supply” is short, nothing for this tier',
    ]);
  });
});
