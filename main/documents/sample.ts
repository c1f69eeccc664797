/**
 * A realistic slip and labels for the printer settings' test page, the tests and the print bench:
 * the kind of order the city reserve depot ships to a makeshift hospital.
 */
import type { LabelData, ReceiptDocData, SlipData, SlipLine } from '../../shared/contract/documents.ts';
import type { ReceiptLine } from '../../shared/contract/receiving.ts';

const ITEMS: Omit<SlipLine, 'lotNo' | 'expiresOn' | 'quantity' | 'amount'>[] = [
  { itemCode: 'FH-0001', itemName: '医用防护口罩', spec: 'KN95 / GB 19083-2010 耳挂式', unit: '只', packs: [{ unit: '盒', per: 50 }, { unit: '箱', per: 1000 }], unitPrice: 350 },
  { itemCode: 'FH-0002', itemName: '一次性医用外科口罩', spec: '17.5×9.5cm 三层', unit: '只', packs: [{ unit: '盒', per: 50 }, { unit: '箱', per: 2000 }], unitPrice: 60 },
  { itemCode: 'FH-0010', itemName: '医用一次性防护服', spec: 'GB 19082-2009 连体带帽 175', unit: '套', packs: [{ unit: '箱', per: 20 }], unitPrice: 8500 },
  { itemCode: 'FH-0021', itemName: '医用橡胶检查手套', spec: '丁腈 M 号 无粉', unit: '只', packs: [{ unit: '盒', per: 100 }, { unit: '箱', per: 1000 }], unitPrice: 45 },
  { itemCode: 'XS-0003', itemName: '84 消毒液', spec: '500ml 有效氯 4.0%–5.0%', unit: '瓶', packs: [{ unit: '箱', per: 24 }], unitPrice: 680 },
  { itemCode: 'XS-0007', itemName: '75% 乙醇消毒液', spec: '2.5L 桶装', unit: '桶', packs: [{ unit: '箱', per: 4 }], unitPrice: 3900 },
  { itemCode: 'YL-0005', itemName: '红外额温枪', spec: 'JXB-178 非接触式', unit: '台', packs: [{ unit: '箱', per: 50 }], unitPrice: 19800 },
  { itemCode: 'CW-0001', itemName: '折叠床', spec: '钢架 190×70cm 承重 150kg', unit: '张', packs: [], unitPrice: 26000 },
  { itemCode: 'CW-0004', itemName: '棉被', spec: '200×230cm 冬被 3kg', unit: '床', packs: [{ unit: '包', per: 5 }], unitPrice: 18000 },
  { itemCode: 'BN-0002', itemName: '军用棉大衣', spec: '均码 加厚', unit: '件', packs: [{ unit: '包', per: 10 }], unitPrice: 22000 },
  { itemCode: 'SH-0011', itemName: '洗漱包', spec: '牙刷 牙膏 毛巾 香皂 四件套', unit: '套', packs: [{ unit: '箱', per: 40 }], unitPrice: 1500 },
  { itemCode: 'BN-0008', itemName: '电热毯', spec: '单人 150×80cm 220V', unit: '条', packs: [{ unit: '箱', per: 10 }], unitPrice: 8900 },
];

/** An order of `lines` lines (items repeat on other lots past twelve); priced unless asked otherwise. */
export function sampleSlip(options: { lines?: number; priced?: boolean; orderNo?: string; reprint?: number } = {}): SlipData {
  const count = options.lines ?? 8;
  const lines: SlipLine[] = [];
  for (let i = 0; i < count; i++) {
    const item = ITEMS[i % ITEMS.length]!;
    const round = Math.floor(i / ITEMS.length);
    const biggest = item.packs.reduce((m, p) => Math.max(m, p.per), 1);
    // 12 of the biggest pack and a few loose units, e.g. "12箱+30只" for the masks.
    const quantity = biggest * (12 - (i % 5)) + (biggest > 1 ? (30 * (i + 1)) % biggest : 0);
    const unitPrice = options.priced === false ? null : item.unitPrice;
    lines.push({
      ...item,
      unitPrice,
      lotNo: `2026${String(3 - (round % 3)).padStart(2, '0')}${String(11 + i).padStart(2, '0')}-${String.fromCharCode(65 + (i % 26))}`,
      expiresOn: `${2027 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-28`,
      quantity,
      amount: unitPrice === null ? null : unitPrice * quantity,
    });
  }
  return {
    depotName: '市应急物资储备库',
    docType: 'dispatch',
    orderNo: options.orderNo ?? 'CK20260410-0007',
    createdAt: '2026-04-10',
    shippedAt: '2026-04-10',
    recipient: { name: '市第二方舱医院', address: '高新区会展中心 3 号馆 东门物资接收点', contact: '王建国', phone: '138 0471 2345' },
    vehicle: '蒙A·D7721',
    driver: '李卫东',
    driverPhone: '139 4710 8866',
    approver: '赵敏',
    remarks: '急件，当日 18:00 前送达；冷链物资另车运送。',
    lines,
    reprint: options.reprint ?? 0,
    copies: ['stub', 'goods', 'receipt'],
  };
}

export function sampleLabel(kind: LabelData['kind'] = 'carton'): LabelData {
  return {
    kind,
    depotName: '市应急物资储备库',
    itemCode: 'FH-0001',
    itemName: '医用防护口罩',
    spec: 'KN95 / GB 19083-2010 耳挂式',
    lotNo: '20260311-A',
    expiresOn: '2028-03-10',
    quantity: kind === 'lot' ? 24_000 : kind === 'carton' ? 1000 : 40_000,
    unit: '只',
    barcode: '20260311-A',
    qr: 'LOT:FH-0001:20260311-A',
  };
}

/** A posted purchase of three lines, one partly rejected at the door. */
export function sampleReceipt(): ReceiptDocData {
  const line = (n: number, item: (typeof ITEMS)[number], lotNo: string, counted: number, rejected: number, rejectReason = ''): ReceiptLine => ({
    id: n,
    codes: [],
    lineNo: n,
    itemId: n,
    itemCode: item.itemCode,
    itemName: item.itemName,
    spec: item.spec,
    unit: item.unit,
    lotNo,
    producedOn: '2026-03-11',
    expiresOn: '2028-03-10',
    counted,
    accepted: counted - rejected,
    rejected,
    rejectReason,
    noExpiryReason: '',
    unitCost: item.unitPrice,
    valueBasis: 'price',
    locationId: n,
    locationCode: `A-0${n}-1`,
    inspection: 'accepted',
    lotId: n,
    packs: item.packs,
  });
  const lines = [
    line(1, ITEMS[0]!, '20260311-A', 24_000, 0),
    line(2, ITEMS[2]!, '20260302-K', 1_000, 40, '外箱受潮 2 箱'),
    line(3, ITEMS[4]!, 'XD260305', 480, 0),
  ];
  return {
    depotName: '市应急物资储备库',
    reprint: 0,
    receipt: {
      id: 1,
      no: 'RK20260410-0003',
      status: 'posted',
      sourceType: 'purchase',
      supplierId: 1,
      supplierName: '内蒙古康泰医疗用品有限公司',
      unitId: null,
      unitName: null,
      reference: 'YD-88210457',
      vehicle: '蒙A·K3306',
      receivedAt: '2026-04-10T09:30:00+08:00',
      note: '',
      inspection: {
        documents: [
          { kind: 'business_licence', checked: true, expiresOn: null },
          { kind: 'device_registration', checked: true, expiresOn: '2029-12-31' },
        ],
        standard: 'GB 19083-2010',
        packaging: 'partly_damaged',
        result: 'partly_accepted',
        inspector: '孙丽',
        note: '',
      },
      reversesId: null,
      reversesNo: null,
      purchaseOrderId: null,
      pledgeId: null,
      reversedById: null,
      reversedByNo: null,
      createdBy: '周保管',
      postedBy: '周保管',
      postedAt: '2026-04-10T10:05:00+08:00',
      version: 2,
      lines,
      totals: {
        lines: lines.length,
        counted: lines.reduce((s, l) => s + l.counted, 0),
        accepted: lines.reduce((s, l) => s + l.accepted, 0),
        rejected: lines.reduce((s, l) => s + l.rejected, 0),
        amount: lines.reduce((s, l) => s + l.accepted * l.unitCost!, 0),
      },
    },
  };
}
