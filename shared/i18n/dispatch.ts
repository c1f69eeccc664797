import { bundle } from './shape.ts';

const zh = {
  nav: { dispatch: '出库调拨' },
  dispatchStatus: { draft: '草稿', approved: '已审核', picked: '已拣货', shipped: '已发运', delivered: '已签收', cancelled: '已取消' },
  priority: { normal: '普通', urgent: '紧急' },
  dispatch: {
    backorderRemark: '{{no}} 未发足部分',
    reversed: '已红冲',
    reversal: '红冲单',
  },
  field: {
    recipient: '受领单位',
    priority: '优先级',
    requestedAt: '要求送达',
    driver: '司机',
    driverPhone: '司机电话',
    remarks: '备注',
    receiver: '签收人',
    picked: '已拣',
    short: '欠发',
  },
  errors: {
    bad_transition: '调拨单 {{no}} 当前状态为“{{status}}”，不能执行此操作',
    short_stock: '调拨单 {{no}}：{{item}} 需要 {{needed}}{{unit}}，可发 {{available}}{{unit}}；如需部分发运请选择“允许欠发”',
    not_dispatchable: '{{item}} 批号 {{lot}}（库位 {{location}}）可发数量不足：可发 {{free}}，需要 {{needed}}（只能发合格且未过期的批次）',
    has_discrepancies: '调拨单 {{no}} 已有签收差异，不能整单红冲',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    nav: { dispatch: 'Dispatch' },
    dispatchStatus: { draft: 'Draft', approved: 'Approved', picked: 'Picked', shipped: 'Shipped', delivered: 'Delivered', cancelled: 'Cancelled' },
    priority: { normal: 'Normal', urgent: 'Urgent' },
    dispatch: {
      backorderRemark: 'Rest of {{no}}',
      reversed: 'Reversed',
      reversal: 'Reversal',
    },
    field: {
      recipient: 'Recipient unit',
      priority: 'Priority',
      requestedAt: 'Requested by',
      driver: 'Driver',
      driverPhone: 'Driver phone',
      remarks: 'Remarks',
      receiver: 'Received by',
      picked: 'Picked',
      short: 'Short',
    },
    errors: {
      bad_transition: 'Order {{no}} is "{{status}}"; this is not possible now',
      short_stock: 'Order {{no}}: {{item}} needs {{needed}} {{unit}}, only {{available}} {{unit}} can be dispatched; choose "allow short" to ship partially',
      not_dispatchable: '{{item}} lot {{lot}} at {{location}}: only {{free}} can be dispatched, {{needed}} needed (only accepted, unexpired lots)',
      has_discrepancies: 'Order {{no}} has delivery discrepancies and cannot be reversed as a whole',
    },
  },
});
