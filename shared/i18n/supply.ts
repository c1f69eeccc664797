import { bundle } from './shape.ts';

/** The supply side: procurement plans, purchase orders, pledges and donations. */
const zh = {
  entity: { purchase_order: '采购单', pledge: '认捐', procurement_plan: '采购计划', procurement_split: '采购计划分配行' },
  field: {
    purchaseOrderId: '采购单',
    pledgeId: '认捐',
    promisedOn: '承诺到货日期',
    as: '处理方式',
    donorId: '捐赠方',
    donorKind: '捐赠方类型',
    pledgedOn: '认捐日期',
    expectedOn: '预计到货日期',
    declaredValue: '申报价值(分)',
    splits: '供应商分配',
    planId: '计划',
    allocationPlanId: '分配方案',
    splitId: '分配行',
  },
  errors: {
    over_receipt: '采购单 {{no}}：{{item}} 订购 {{ordered}}{{unit}}，已收 {{received}}{{unit}}，本次 {{now}}{{unit}}，超收 {{over}}{{unit}}；请按未收数量入库，或另开采购单',
    order_ended: '采购单 {{no}} 已{{status}}，不能再收货或更改',
    order_received: '采购单 {{no}} 已有入库，不能作废；如不再到货请“关闭”',
    source_mismatch: '入库单的{{field}}与{{doc}} {{no}} 不符（应为：{{expected}}）',
    supplier_expired: '{{item}} 分给 {{supplier}} 的 {{qty}}{{unit}}：该供应商资质有效期至 {{expiry}}，已过期；须由审核员填写原因放行后才能批准',
  },
  supply: {
    poStatus: { open: '未到货', partly_received: '部分到货', received: '已到齐', closed: '关闭', cancelled: '作废' },
    issue: { oneSource: '一张入库单只能对应一张采购单或一项认捐', itemTwice: '同一物资在计划中只能出现一次，请在一行内分配给多个供应商' },
    planLabel: '{{day}} 分配方案第 {{revision}} 版',
    fromPlan: '由采购计划 {{no}} 生成',
    how: {
      sum: '未满足需求 {{unmet}} + {{reason}} − 已订未到 {{onOrder}} − 已认捐未到 {{pledged}} = 建议采购 {{suggested}}{{unit}}',
      toSafety: '补足安全库存 {{topUp}}（安全库存 {{target}} − 方案后库存 {{left}}）',
      toCover: '补足 {{days}} 天用量 {{topUp}}（近 7 天日均出库 {{rate}} × {{days}} = {{target}}，减方案后库存 {{left}}）',
      noTopUp: '补库 0（方案后库存 {{left}} 不低于目标 {{target}}）',
    },
  },
  duties: { act: { procurementApprove: '审批采购计划' } },
};

export default bundle({
  'zh-CN': zh,
  en: {
    entity: { purchase_order: 'purchase order', pledge: 'pledge', procurement_plan: 'procurement plan', procurement_split: 'procurement plan split' },
    field: {
      purchaseOrderId: 'Purchase order',
      pledgeId: 'Pledge',
      promisedOn: 'Promised delivery date',
      as: 'How to end it',
      donorId: 'Donor',
      donorKind: 'Donor type',
      pledgedOn: 'Pledged on',
      expectedOn: 'Expected delivery',
      declaredValue: 'Declared value (fen)',
      splits: 'Supplier split',
      planId: 'Plan',
      allocationPlanId: 'Allocation plan',
      splitId: 'Split',
    },
    errors: {
      over_receipt: 'Purchase order {{no}}: {{item}} ordered {{ordered}} {{unit}}, received {{received}} {{unit}}, this receipt {{now}} {{unit}}: {{over}} {{unit}} too many; receive what is outstanding, or raise another order',
      order_ended: 'Purchase order {{no}} is {{status}}: nothing more can be received or changed',
      order_received: 'Purchase order {{no}} has receipts and cannot be cancelled; close it if nothing more is coming',
      source_mismatch: "The receipt's {{field}} does not match {{doc}} {{no}} (should be: {{expected}})",
      supplier_expired: '{{item}}: {{qty}} {{unit}} to {{supplier}}, whose qualification expired on {{expiry}}; an approver must release it with a reason before approval',
    },
    supply: {
      poStatus: { open: 'open', partly_received: 'partly received', received: 'received', closed: 'closed', cancelled: 'cancelled' },
      issue: { oneSource: 'A receipt is against one purchase order or one pledge, not both', itemTwice: 'An item appears once in a plan: split its one line across suppliers' },
      planLabel: 'allocation plan of {{day}}, revision {{revision}}',
      fromPlan: 'Made by procurement plan {{no}}',
      how: {
        sum: 'unmet need {{unmet}} + {{reason}} − on order {{onOrder}} − pledged, not yet received {{pledged}} = buy {{suggested}} {{unit}}',
        toSafety: 'top-up to safety stock {{topUp}} (safety stock {{target}} − stock after the plan {{left}})',
        toCover: 'top-up to {{days}} days of use {{topUp}} ({{rate}} a day over the last 7 days × {{days}} = {{target}}, less stock after the plan {{left}})',
        noTopUp: 'top-up 0 (stock after the plan {{left}} is not below the target {{target}})',
      },
    },
    duties: { act: { procurementApprove: 'approve a procurement plan' } },
  },
});
