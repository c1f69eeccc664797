import type { Input } from '../../shared/contract/index.ts';

/*
 * The sample depot of 江川市, a fictional prefecture-level city of about 3.5 million with five
 * districts (临江区, 城东区, 城西区, 北湖区, 高新区) and two counties (青山县, 白石县), during an
 * epidemic. Names of companies, people, phone numbers and certificate numbers are invented.
 * Pack sizes, specs and standards are the ones such goods really carry.
 */

type Create<C extends 'items.create' | 'locations.create' | 'suppliers.create' | 'units.create'> = Omit<Input<C>, 'requestId'>;
export type DemoItem = Create<'items.create'>;
export type DemoLocation = Create<'locations.create'>;
export type DemoUnit = Create<'units.create'>;
/** A supplier's qualifications expire a number of days after the day the demo is written (null: none to check). */
export type DemoSupplier = Omit<Create<'suppliers.create'>, 'qualificationExpiry'> & { expiresInDays: number | null };

/** 12 digits → a valid EAN-13 with its check digit. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

export const DEMO_ITEMS: DemoItem[] = [
  // 防护用品
  { code: 'FH-001', name: '医用防护口罩', spec: 'KN95 折叠式 耳挂 独立包装', unit: '只', category: 'protective', packs: '盒=50, 箱=1000', lotTracked: true, standard: 'GB 19083-2010', safetyStock: 20000, barcode: ean13('697312600101') },
  { code: 'FH-002', name: '医用外科口罩', spec: '17.5×9.5cm 三层 耳挂 灭菌级', unit: '只', category: 'protective', packs: '盒=50, 箱=2000', lotTracked: true, standard: 'YY 0469-2011', safetyStock: 50000, barcode: ean13('697312600102') },
  { code: 'FH-003', name: '一次性使用医用口罩', spec: '17.5×9.5cm 三层 耳挂 非灭菌', unit: '只', category: 'protective', packs: '盒=50, 箱=2000', lotTracked: true, standard: 'YY/T 0969-2013', safetyStock: 30000, barcode: ean13('697312600103') },
  { code: 'FH-004', name: '自吸过滤式防颗粒物呼吸器', spec: 'KN95 头戴式 带呼吸阀', unit: '只', category: 'protective', packs: '盒=20, 箱=400', lotTracked: true, standard: 'GB 2626-2019', safetyStock: 4000, barcode: ean13('697312600104') },
  { code: 'FH-005', name: '医用一次性防护服', spec: '连体带帽 L(170) 灭菌', unit: '套', category: 'protective', packs: '箱=20', lotTracked: true, standard: 'GB 19082-2009', safetyStock: 3000, barcode: ean13('697348100501') },
  { code: 'FH-006', name: '医用一次性防护服', spec: '连体带帽 XL(175) 灭菌', unit: '套', category: 'protective', packs: '箱=20', lotTracked: true, standard: 'GB 19082-2009', safetyStock: 3000, barcode: ean13('697348100502') },
  { code: 'FH-007', name: '一次性隔离衣', spec: '无纺布 40g 后开式 松紧袖口 均码', unit: '件', category: 'protective', packs: '包=10, 箱=100', lotTracked: true, standard: 'GB/T 38462-2020', safetyStock: 5000, barcode: null },
  { code: 'FH-008', name: '医用隔离眼罩', spec: '间接通风 双面防雾 可调松紧带', unit: '个', category: 'protective', packs: '箱=100', lotTracked: true, standard: 'GB 14866-2006', safetyStock: 1500, barcode: null },
  { code: 'FH-009', name: '医用防护面屏', spec: '全脸 PET 防雾 头戴式', unit: '个', category: 'protective', packs: '箱=200', lotTracked: true, standard: '', safetyStock: 2000, barcode: null },
  { code: 'FH-010', name: '一次性使用医用橡胶检查手套', spec: '乳胶 无粉 M 号', unit: '只', category: 'protective', packs: '盒=100, 箱=1000', lotTracked: true, standard: 'GB 10213-2006', safetyStock: 20000, barcode: ean13('697312601001') },
  { code: 'FH-011', name: '一次性使用医用橡胶检查手套', spec: '丁腈 无粉 L 号', unit: '只', category: 'protective', packs: '盒=100, 箱=1000', lotTracked: true, standard: 'GB 10213-2006', safetyStock: 20000, barcode: ean13('697312601101') },
  { code: 'FH-012', name: '一次性医用鞋套', spec: '高筒 防水 PE 涂层 均码', unit: '双', category: 'protective', packs: '包=50, 箱=500', lotTracked: true, standard: '', safetyStock: 5000, barcode: null },
  { code: 'FH-013', name: '一次性医用帽子', spec: '无纺布 圆帽 双筋', unit: '个', category: 'protective', packs: '包=100, 箱=2000', lotTracked: true, standard: '', safetyStock: 10000, barcode: null },

  // 消杀用品
  { code: 'XS-001', name: '84消毒液', spec: '500ml 有效氯 4.0%–6.5%', unit: '瓶', category: 'disinfection', packs: '箱=24', lotTracked: true, standard: 'GB/T 36758-2018', safetyStock: 2400, barcode: ean13('697520300101') },
  { code: 'XS-002', name: '84消毒液', spec: '5L 有效氯 4.0%–6.5%', unit: '桶', category: 'disinfection', packs: '箱=4', lotTracked: true, standard: 'GB/T 36758-2018', safetyStock: 400, barcode: ean13('697520300102') },
  { code: 'XS-003', name: '75%乙醇消毒液', spec: '500ml 喷雾瓶', unit: '瓶', category: 'disinfection', packs: '箱=24', lotTracked: true, standard: 'GB/T 26373-2020', safetyStock: 2400, barcode: ean13('697520300201') },
  { code: 'XS-004', name: '免洗手消毒凝胶', spec: '500ml 按压瓶 乙醇 70%', unit: '瓶', category: 'disinfection', packs: '箱=24', lotTracked: true, standard: 'GB 27950-2020', safetyStock: 1200, barcode: ean13('697520300301') },
  { code: 'XS-005', name: '过氧乙酸消毒液', spec: '5kg 二元包装 15%', unit: '桶', category: 'disinfection', packs: '箱=4', lotTracked: true, standard: 'GB/T 26371-2020', safetyStock: 100, barcode: null },
  { code: 'XS-006', name: '含氯消毒泡腾片', spec: '有效氯 500mg/片 100片/瓶', unit: '瓶', category: 'disinfection', packs: '箱=50', lotTracked: true, standard: 'GB/T 36758-2018', safetyStock: 500, barcode: ean13('697520300601') },
  { code: 'XS-007', name: '消毒湿巾', spec: '双链季铵盐 80片/包', unit: '包', category: 'disinfection', packs: '箱=24', lotTracked: true, standard: 'GB 15979-2002', safetyStock: 960, barcode: ean13('697520300701') },
  { code: 'XS-008', name: '背负式手动喷雾器', spec: '16L 不锈钢喷杆', unit: '台', category: 'disinfection', packs: '', lotTracked: true, standard: '', safetyStock: 50, barcode: null },
  { code: 'XS-009', name: '医疗废物包装袋', spec: '黄色 60×80cm 加厚 带警示标识', unit: '个', category: 'disinfection', packs: '包=50, 箱=500', lotTracked: true, standard: 'HJ 421-2008', safetyStock: 5000, barcode: null },

  // 医疗器械
  { code: 'YL-001', name: '红外额温计', spec: '非接触式 32.0–42.9℃ 分度 0.1℃', unit: '台', category: 'medical', packs: '箱=50', lotTracked: true, standard: 'JJG 1164-2019', safetyStock: 200, barcode: ean13('697661200101') },
  { code: 'YL-002', name: '医用电子体温计', spec: '腋下式 硬头 防水', unit: '个', category: 'medical', packs: '盒=10, 箱=200', lotTracked: true, standard: 'GB/T 21416-2008', safetyStock: 500, barcode: ean13('697661200201') },
  { code: 'YL-003', name: '指夹式脉搏血氧仪', spec: 'SpO₂ 70%–100% 含电池', unit: '台', category: 'medical', packs: '箱=50', lotTracked: true, standard: 'YY 0784-2010', safetyStock: 300, barcode: ean13('697661200301') },
  { code: 'YL-004', name: '一次性使用病毒采样管', spec: '3ml 保存液 含鼻咽拭子 单人份', unit: '套', category: 'medical', packs: '盒=50, 箱=1000', lotTracked: true, standard: '', safetyStock: 10000, barcode: null },
  { code: 'YL-005', name: '新型冠状病毒抗原检测试剂盒', spec: '胶体金法 1人份/盒', unit: '盒', category: 'medical', packs: '箱=200', lotTracked: true, standard: '', safetyStock: 5000, barcode: ean13('697661200501') },
  { code: 'YL-006', name: '一次性使用无菌注射器', spec: '5ml 带针 0.7×32TWLB', unit: '个', category: 'medical', packs: '盒=100, 箱=1000', lotTracked: true, standard: 'GB 15810-2019', safetyStock: 3000, barcode: null },
  { code: 'YL-007', name: '一次性使用输液器', spec: '重力式 带针 0.7mm', unit: '套', category: 'medical', packs: '箱=500', lotTracked: true, standard: 'GB 8368-2018', safetyStock: 2000, barcode: null },
  { code: 'YL-008', name: '医用分子筛制氧机', spec: '5L/min 浓度 93%±3%', unit: '台', category: 'medical', packs: '', lotTracked: true, standard: 'YY/T 0298-1998', safetyStock: 20, barcode: null },
  { code: 'YL-009', name: '医用氧气袋', spec: '42L 带鼻吸管', unit: '个', category: 'medical', packs: '箱=20', lotTracked: true, standard: '', safetyStock: 100, barcode: null },

  // 生活保障
  { code: 'SH-001', name: '饮用天然矿泉水', spec: '550ml', unit: '瓶', category: 'living', packs: '箱=24', lotTracked: true, standard: 'GB 8537-2018', safetyStock: 4800, barcode: ean13('697810400101') },
  { code: 'SH-002', name: '桶装方便面', spec: '红烧牛肉味 110g', unit: '桶', category: 'living', packs: '箱=12', lotTracked: true, standard: 'GB 17400-2015', safetyStock: 1200, barcode: ean13('697810400201') },
  { code: 'SH-003', name: '自热米饭', spec: '375g 鱼香肉丝', unit: '盒', category: 'living', packs: '箱=12', lotTracked: true, standard: '', safetyStock: 600, barcode: ean13('697810400301') },
  { code: 'SH-004', name: '洗漱包', spec: '牙刷 牙膏 毛巾 香皂 梳子 五件套', unit: '套', category: 'living', packs: '箱=50', lotTracked: false, standard: '', safetyStock: 1000, barcode: null },
  { code: 'SH-005', name: '一次性拖鞋', spec: '无纺布 均码 防滑底', unit: '双', category: 'living', packs: '箱=200', lotTracked: false, standard: '', safetyStock: 1000, barcode: null },
  { code: 'SH-006', name: '卷纸', spec: '三层 140g/卷', unit: '卷', category: 'living', packs: '提=10, 箱=40', lotTracked: false, standard: 'GB/T 20810-2018', safetyStock: 2000, barcode: ean13('697810400601') },
  { code: 'SH-007', name: '生活垃圾袋', spec: '平口 60×80cm 30只/卷', unit: '卷', category: 'living', packs: '箱=50', lotTracked: false, standard: '', safetyStock: 500, barcode: null },
  { code: 'SH-008', name: '一次性餐盒', spec: '750ml 带盖 PP', unit: '个', category: 'living', packs: '箱=300', lotTracked: false, standard: 'GB 4806.7-2016', safetyStock: 3000, barcode: null },
  { code: 'SH-009', name: '电热水壶', spec: '1.7L 1800W 不锈钢内胆', unit: '台', category: 'living', packs: '箱=6', lotTracked: false, standard: 'GB 4706.19-2008', safetyStock: 60, barcode: null },
  { code: 'SH-010', name: '洗衣粉', spec: '1.5kg 无磷', unit: '袋', category: 'living', packs: '箱=10', lotTracked: false, standard: 'GB/T 13171.1-2022', safetyStock: 200, barcode: null },

  // 保暖安置
  { code: 'BN-001', name: '军大衣', spec: '棉 均码 带帽', unit: '件', category: 'warming', packs: '包=10', lotTracked: false, standard: '', safetyStock: 1000, barcode: null },
  { code: 'BN-002', name: '棉帽', spec: '加厚 护耳 均码', unit: '顶', category: 'warming', packs: '包=20, 箱=100', lotTracked: false, standard: '', safetyStock: 500, barcode: null },
  { code: 'BN-003', name: '劳保棉手套', spec: '加厚 均码', unit: '双', category: 'warming', packs: '包=10, 箱=200', lotTracked: false, standard: '', safetyStock: 1000, barcode: null },
  { code: 'BN-004', name: '防寒棉鞋', spec: '加绒 防滑 40–44 码混装', unit: '双', category: 'warming', packs: '箱=20', lotTracked: false, standard: '', safetyStock: 400, barcode: null },
  { code: 'BN-005', name: '暖贴', spec: '持续发热 10 小时', unit: '片', category: 'warming', packs: '盒=10, 箱=400', lotTracked: true, standard: '', safetyStock: 4000, barcode: ean13('697935100501') },
  { code: 'BN-006', name: '电热毯', spec: '单人 1.5×0.7m 双控', unit: '条', category: 'warming', packs: '箱=20', lotTracked: false, standard: 'GB 4706.8-2008', safetyStock: 200, barcode: null },
  { code: 'BN-007', name: '油汀取暖器', spec: '13片 2200W', unit: '台', category: 'warming', packs: '', lotTracked: false, standard: 'GB 4706.23-2007', safetyStock: 50, barcode: null },
  { code: 'BN-008', name: '救灾帐篷', spec: '12㎡ 单帐篷 棉帐芯', unit: '套', category: 'warming', packs: '', lotTracked: false, standard: 'MZ/T 011.1-2010', safetyStock: 30, barcode: null },

  // 床及床上用品
  { code: 'CP-001', name: '折叠床', spec: '单人 190×70cm 钢架 牛津布面', unit: '张', category: 'bedding', packs: '', lotTracked: false, standard: '', safetyStock: 300, barcode: null },
  { code: 'CP-002', name: '钢木单人床', spec: '200×90cm 含床板', unit: '张', category: 'bedding', packs: '', lotTracked: false, standard: 'GB 28007-2011', safetyStock: 100, barcode: null },
  { code: 'CP-003', name: '棉被', spec: '2.0×2.3m 3kg 含被套', unit: '床', category: 'bedding', packs: '包=5', lotTracked: false, standard: 'GB/T 22796-2021', safetyStock: 800, barcode: null },
  { code: 'CP-004', name: '棉褥子', spec: '0.9×2.0m 2kg', unit: '床', category: 'bedding', packs: '包=5', lotTracked: false, standard: 'GB/T 22796-2021', safetyStock: 500, barcode: null },
  { code: 'CP-005', name: '海绵床垫', spec: '0.9×1.9m 厚 8cm', unit: '张', category: 'bedding', packs: '', lotTracked: false, standard: 'GB/T 26706-2011', safetyStock: 300, barcode: null },
  { code: 'CP-006', name: '纯棉床单', spec: '1.6×2.3m 白色', unit: '条', category: 'bedding', packs: '包=10, 箱=50', lotTracked: false, standard: 'GB/T 22796-2021', safetyStock: 1000, barcode: null },
  { code: 'CP-007', name: '枕头', spec: '48×74cm 含枕套', unit: '个', category: 'bedding', packs: '箱=20', lotTracked: false, standard: 'GB/T 22796-2021', safetyStock: 800, barcode: null },
  { code: 'CP-008', name: '一次性床单', spec: '无纺布 0.8×2.0m', unit: '条', category: 'bedding', packs: '包=10, 箱=200', lotTracked: false, standard: '', safetyStock: 2000, barcode: null },
];

export const DEMO_LOCATIONS: DemoLocation[] = [
  ...(
    [
      ['A', 'A区', '防护用品、消杀用品'],
      ['B', 'B区', '医疗器械'],
      ['C', 'C区', '生活保障、保暖安置、床及床上用品'],
    ] as const
  ).flatMap(([letter, zone, goods]) =>
    Array.from({ length: 8 }, (_, i): DemoLocation => {
      const bin = String(i + 1).padStart(2, '0');
      return { code: `SB-${letter}-${bin}`, depot: '市本级储备库', zone, bin, note: binNote(letter, bin) ?? goods };
    }),
  ),
  { code: 'ZZ-SH-01', depot: '二号周转库', zone: '收货暂存区', bin: '01', note: '到货卸车、清点' },
  { code: 'ZZ-SH-02', depot: '二号周转库', zone: '收货暂存区', bin: '02', note: '到货卸车、清点' },
  { code: 'ZZ-DJ-01', depot: '二号周转库', zone: '待检区', bin: '01', note: '验收核对前存放，不得发放' },
  { code: 'ZZ-FH-01', depot: '二号周转库', zone: '发货区', bin: '01', note: '已拣货待装车' },
  { code: 'ZZ-FH-02', depot: '二号周转库', zone: '发货区', bin: '02', note: '已拣货待装车' },
  { code: 'ZZ-BHG-01', depot: '二号周转库', zone: '不合格品区', bin: '01', note: '验收不合格、冻结批次，待退货或处置' },
];

/** Bins that hold something needing care; the rest just say what the zone holds. */
function binNote(letter: string, bin: string): string | undefined {
  if (letter === 'A' && bin === '07') return '危化品专柜：乙醇、过氧乙酸，远离火源';
  if (letter === 'A' && bin === '08') return '含氯消毒剂，与乙醇分开存放';
  if (letter === 'B' && bin === '01') return '阴凉区 ≤20℃：检测试剂、采样管';
  return undefined;
}

export const DEMO_SUPPLIERS: DemoSupplier[] = [
  // 生产厂家
  { code: 'SC-001', name: '江川安护医疗用品有限公司', kind: 'manufacturer', contact: '周明亮', phone: '0739-6812 3306', address: '江川市高新区创新三路 18 号', products: '医用防护口罩 KN95、医用外科口罩、一次性使用医用口罩', capacityPerDay: '口罩 30 万只/天（其中 KN95 8 万只）', leadTimeDays: 2, qualification: '营业执照；医疗器械生产许可证 江食药监械生产许20190023号；医疗器械注册证 江械注准20202140118、20202140119', expiresInDays: 420 },
  { code: 'SC-002', name: '临江卫材股份有限公司', kind: 'manufacturer', contact: '孙红梅', phone: '0739-6235 1180', address: '江川市临江区工业园纬二路 66 号', products: '医用一次性防护服、一次性隔离衣、医用帽、鞋套', capacityPerDay: '防护服 6000 套/天，隔离衣 1.5 万件/天', leadTimeDays: 3, qualification: '营业执照；医疗器械生产许可证 江食药监械生产许20170011号；防护服注册证 江械注准20172140035；环氧乙烷灭菌验证报告', expiresInDays: 18 },
  { code: 'SC-003', name: '青山洁康消毒制品厂', kind: 'manufacturer', contact: '刘志强', phone: '0739-7521 4408', address: '江川市青山县城关镇化工园区 9 号', products: '84消毒液（500ml、5L）、75%乙醇消毒液、含氯消毒泡腾片、过氧乙酸', capacityPerDay: '84消毒液 2 万瓶/天，乙醇消毒液 1 万瓶/天', leadTimeDays: 2, qualification: '营业执照；消毒产品生产企业卫生许可证 江卫消证字（2018）第0042号；危险化学品经营许可证；产品卫生安全评价报告', expiresInDays: 7 },
  { code: 'SC-004', name: '北湖康宁被服有限公司', kind: 'manufacturer', contact: '马秀兰', phone: '0739-6458 9012', address: '江川市北湖区纺织路 120 号', products: '棉被、棉褥子、床单、枕头、军大衣', capacityPerDay: '棉被 3000 床/天，床单 8000 条/天', leadTimeDays: 4, qualification: '营业执照；产品质量检验报告（GB/T 22796-2021）；纤维含量检测报告', expiresInDays: 260 },
  { code: 'SC-005', name: '江川华盾钢木家具有限公司', kind: 'manufacturer', contact: '赵卫东', phone: '0739-6377 2215', address: '江川市城东区机械工业园 8 栋', products: '折叠床、钢木单人床、海绵床垫', capacityPerDay: '折叠床 1500 张/天，钢木床 400 张/天', leadTimeDays: 3, qualification: '营业执照；产品质量检验报告（GB 28007-2011）；ISO 9001 质量管理体系认证证书', expiresInDays: 540 },
  { code: 'SC-006', name: '远达医疗器械（江川）有限公司', kind: 'manufacturer', contact: '陈思远', phone: '0739-6690 7731', address: '江川市高新区生物医药园 B3 栋', products: '红外额温计、医用电子体温计、指夹式脉搏血氧仪', capacityPerDay: '额温计 5000 台/天，血氧仪 3000 台/天', leadTimeDays: 5, qualification: '营业执照；医疗器械生产许可证 江食药监械生产许20150007号；注册证 江械注准20162070021、20192210044；计量器具型式批准证书', expiresInDays: -12 },
  // 经销商
  { code: 'JX-001', name: '江川市医药有限公司', kind: 'distributor', contact: '黄建华', phone: '0739-6201 5566', address: '江川市临江区解放路 45 号', products: '医用耗材、检测试剂、注射器、输液器、制氧机、氧气袋', capacityPerDay: '市内 24 小时配送，日出库约 2000 箱', leadTimeDays: 1, qualification: '营业执照；药品经营许可证 江AA7390011；第三类医疗器械经营许可证 江食药监械经营许20160105号', expiresInDays: 25 },
  { code: 'JX-002', name: '城东恒通商贸有限公司', kind: 'distributor', contact: '李娜', phone: '139 0739 5821', address: '江川市城东区东湖路 201 号', products: '矿泉水、方便面、自热米饭、卷纸、一次性餐盒、垃圾袋', capacityPerDay: '食品饮料 5000 箱/天', leadTimeDays: 1, qualification: '营业执照；食品经营许可证 JY13607390012345', expiresInDays: 300 },
  { code: 'JX-003', name: '江川鸿远医疗器械经营部', kind: 'distributor', contact: '何军', phone: '138 0739 2647', address: '江川市城西区西关大街 77 号', products: '医用橡胶检查手套、隔离眼罩、防护面屏、鞋套', capacityPerDay: '手套 50 万只/天（库存调配）', leadTimeDays: 2, qualification: '营业执照；第二类医疗器械经营备案凭证 江食药监械经营备20200318号', expiresInDays: 365 },
  { code: 'JX-004', name: '江川惠民商业连锁配送中心', kind: 'distributor', contact: '王立新', phone: '0739-6128 3390', address: '江川市北湖区物流园区 C 区 12 号', products: '洗漱包、一次性拖鞋、洗衣粉、电热水壶、暖贴、棉帽、劳保手套', capacityPerDay: '日配送 3000 件', leadTimeDays: 1, qualification: '营业执照；食品经营许可证 JY13607390056789', expiresInDays: 190 },
  // 捐赠方
  { code: 'JZ-001', name: '江川市红十字会', kind: 'donor', contact: '杨慧', phone: '0739-6221 0120', address: '江川市临江区人民路 9 号', products: '社会捐赠防护用品、消杀用品（以实际到货为准）', capacityPerDay: '不定', leadTimeDays: null, qualification: '', expiresInDays: null },
  { code: 'JZ-002', name: '江川市慈善总会', kind: 'donor', contact: '吴国平', phone: '0739-6230 8866', address: '江川市城西区文化路 32 号', products: '棉被、军大衣、生活物资（爱心企业捐赠）', capacityPerDay: '不定', leadTimeDays: null, qualification: '', expiresInDays: null },
  { code: 'JZ-003', name: '江川市在外商会联谊会', kind: 'donor', contact: '郑海涛', phone: '137 0739 6605', address: '江川市城东区商会大厦 15 楼', products: '医用外科口罩、防护服、额温计（会员企业捐赠）', capacityPerDay: '不定', leadTimeDays: 3, qualification: '捐赠物资须附产品合格证及检测报告', expiresInDays: null },
  // 上级调拨
  { code: 'SJ-001', name: '省应急物资储备中心', kind: 'higher_level', contact: '林振国（调拨科）', phone: '0731-8856 2210', address: '省会市经开区储备路 1 号', products: '帐篷、棉被、折叠床、军大衣、取暖器等救灾物资', capacityPerDay: '按省指挥部调拨指令', leadTimeDays: 2, qualification: '', expiresInDays: null },
  { code: 'SJ-002', name: '省医药储备库', kind: 'higher_level', contact: '许静（储备处）', phone: '0731-8890 4415', address: '省会市天心路 300 号', products: '医用防护服、KN95 口罩、检测试剂、制氧机', capacityPerDay: '按省卫生健康委调拨指令', leadTimeDays: 2, qualification: '', expiresInDays: null },
  // 区县支援
  { code: 'QX-001', name: '青山县应急管理局', kind: 'district', contact: '邓刚', phone: '0739-7522 1010', address: '江川市青山县城关镇府前路 2 号', products: '84消毒液、矿泉水、棉被（县级储备余量）', capacityPerDay: '不定', leadTimeDays: 1, qualification: '', expiresInDays: null },
  { code: 'QX-002', name: '白石县物资保障组', kind: 'district', contact: '曹丽', phone: '0739-7810 2233', address: '江川市白石县白石镇建设路 16 号', products: '折叠床、军大衣、暖贴', capacityPerDay: '不定', leadTimeDays: 1, qualification: '', expiresInDays: null },
  { code: 'QX-003', name: '高新区管委会社会事务局', kind: 'district', contact: '冯晓东', phone: '0739-6699 0001', address: '江川市高新区管委会大楼 4 楼', products: '一次性隔离衣、自热米饭、方便面', capacityPerDay: '不定', leadTimeDays: 1, qualification: '', expiresInDays: null },
];

/** Units without a tier take DEFAULT_TIER of their type; the few here with one were set by the command center. */
export const DEMO_UNITS: DemoUnit[] = [
  // 定点医院
  { code: 'DD-01', name: '江川市第一人民医院（定点救治院区）', type: 'designated_hospital', district: '临江区', staffCount: 2360, beds: 1500, contact: '王建国（总务科）', phone: '0739-6201 1001', address: '江川市临江区人民路 128 号' },
  { code: 'DD-02', name: '江川市传染病医院', type: 'designated_hospital', district: '城西区', staffCount: 420, beds: 300, contact: '刘芳（设备物资科）', phone: '0739-6230 5502', address: '江川市城西区西郊路 9 号' },
  { code: 'DD-03', name: '江川市中心医院北院区', type: 'designated_hospital', district: '北湖区', staffCount: 1180, beds: 800, contact: '张海燕（后勤保障部）', phone: '0739-6451 2003', address: '江川市北湖区湖滨大道 300 号' },
  { code: 'DD-04', name: '青山县人民医院（县级定点）', type: 'designated_hospital', district: '青山县', staffCount: 690, beds: 520, contact: '李成（总务科）', phone: '0739-7521 3004', address: '江川市青山县城关镇健康路 1 号' },
  // 其他医院
  { code: 'QT-01', name: '江川市中医院', type: 'other_hospital', district: '城东区', staffCount: 1050, beds: 700, contact: '陈静（物资科）', phone: '0739-6370 1101', address: '江川市城东区东湖路 56 号' },
  { code: 'QT-02', name: '江川市妇幼保健院', type: 'other_hospital', district: '临江区', staffCount: 760, beds: 400, contact: '杨丽萍（后勤科）', phone: '0739-6208 1102', address: '江川市临江区建设路 210 号' },
  { code: 'QT-03', name: '江川市第二人民医院', type: 'other_hospital', district: '城西区', staffCount: 1320, beds: 900, contact: '赵强（设备科）', phone: '0739-6233 1103', address: '江川市城西区中山路 88 号' },
  { code: 'QT-04', name: '城东区人民医院', type: 'other_hospital', district: '城东区', staffCount: 540, beds: 360, contact: '黄磊（总务科）', phone: '0739-6375 1104', address: '江川市城东区和平街 15 号' },
  { code: 'QT-05', name: '北湖区人民医院', type: 'other_hospital', district: '北湖区', staffCount: 480, beds: 320, contact: '周敏（物资科）', phone: '0739-6455 1105', address: '江川市北湖区湖口路 72 号' },
  { code: 'QT-06', name: '高新区医院', type: 'other_hospital', district: '高新区', staffCount: 310, beds: 200, contact: '吴涛（后勤科）', phone: '0739-6692 1106', address: '江川市高新区科技大道 19 号' },
  { code: 'QT-07', name: '白石县人民医院', type: 'other_hospital', district: '白石县', staffCount: 620, beds: 450, contact: '徐红（总务科）', phone: '0739-7811 1107', address: '江川市白石县白石镇南街 33 号' },
  { code: 'QT-08', name: '江川市精神卫生中心', type: 'other_hospital', district: '城西区', staffCount: 280, beds: 500, contact: '孙伟（总务科）', phone: '0739-6238 1108', address: '江川市城西区康宁路 5 号' },
  // 方舱医院
  { code: 'FC-01', name: '江川国际会展中心方舱医院', type: 'makeshift_hospital', district: '高新区', staffCount: 520, beds: 1800, contact: '胡志刚（联络员）', phone: '139 0739 1201', address: '江川市高新区会展路 1 号 1–3 号馆' },
  { code: 'FC-02', name: '江川市体育中心方舱医院', type: 'makeshift_hospital', district: '城东区', staffCount: 360, beds: 1200, contact: '朱丽（联络员）', phone: '139 0739 1202', address: '江川市城东区体育路 2 号 综合馆' },
  { code: 'FC-03', name: '北湖区职教园方舱医院', type: 'makeshift_hospital', district: '北湖区', staffCount: 210, beds: 680, contact: '郭勇（联络员）', phone: '139 0739 1203', address: '江川市北湖区职教园 实训楼 A 座' },
  { code: 'FC-04', name: '临江区滨江体育馆方舱医院', type: 'makeshift_hospital', district: '临江区', staffCount: 150, beds: 460, contact: '林晓（联络员）', phone: '139 0739 1204', address: '江川市临江区滨江大道 218 号' },
  { code: 'FC-05', name: '青山县全民健身中心方舱医院', type: 'makeshift_hospital', district: '青山县', staffCount: 120, beds: 350, contact: '何平（联络员）', phone: '139 0739 1205', address: '江川市青山县城关镇文体路 6 号' },
  // 隔离酒店（床位数为可用房间数）
  { code: 'GL-01', name: '江川饭店', type: 'quarantine_hotel', district: '临江区', staffCount: 46, beds: 236, contact: '高峰（驻点负责人）', phone: '0739-6209 1301', address: '江川市临江区人民路 66 号' },
  { code: 'GL-02', name: '临江宾馆', type: 'quarantine_hotel', district: '临江区', staffCount: 38, beds: 182, contact: '罗娟（驻点负责人）', phone: '0739-6206 1302', address: '江川市临江区沿江路 15 号' },
  { code: 'GL-03', name: '城东商务酒店', type: 'quarantine_hotel', district: '城东区', staffCount: 32, beds: 156, contact: '梁斌（驻点负责人）', phone: '0739-6376 1303', address: '江川市城东区东湖路 118 号' },
  { code: 'GL-04', name: '北湖湾度假酒店', type: 'quarantine_hotel', district: '北湖区', staffCount: 55, beds: 288, contact: '宋雪（驻点负责人）', phone: '0739-6457 1304', address: '江川市北湖区环湖北路 8 号' },
  { code: 'GL-05', name: '高新区人才公寓隔离点', type: 'quarantine_hotel', district: '高新区', staffCount: 28, beds: 320, contact: '郑凯（驻点负责人）', phone: '0739-6695 1305', address: '江川市高新区创业路 20 号 1–4 栋' },
  { code: 'GL-06', name: '火车站站前宾馆', type: 'quarantine_hotel', district: '城西区', staffCount: 24, beds: 118, contact: '谢春燕（驻点负责人）', phone: '0739-6239 1306', address: '江川市城西区站前路 3 号' },
  { code: 'GL-07', name: '白石县迎宾馆', type: 'quarantine_hotel', district: '白石县', staffCount: 30, beds: 140, contact: '韩东（驻点负责人）', phone: '0739-7812 1307', address: '江川市白石县白石镇府前街 1 号' },
  { code: 'GL-08', name: '青山宾馆', type: 'quarantine_hotel', district: '青山县', staffCount: 26, beds: 120, contact: '唐敏（驻点负责人）', phone: '0739-7523 1308', address: '江川市青山县城关镇青山路 40 号' },
  { code: 'GL-09', name: '锦程酒店（援江医疗队驻地）', type: 'quarantine_hotel', district: '城东区', staffCount: 60, beds: 260, tier: 'full', contact: '冯磊（医疗队后勤）', phone: '0739-6378 1309', address: '江川市城东区迎宾大道 99 号' },
  { code: 'GL-10', name: '城西悦居酒店', type: 'quarantine_hotel', district: '城西区', staffCount: 35, beds: 166, contact: '于洋（驻点负责人）', phone: '0739-6235 1310', address: '江川市城西区西关大街 150 号' },
  // 交通卡口
  { code: 'KK-01', name: '江川北收费站卡口', type: 'checkpoint', district: '北湖区', staffCount: 36, beds: 0, contact: '董建军（带班）', phone: '138 0739 1401', address: '江川市北湖区 江川北高速收费站出口' },
  { code: 'KK-02', name: '江川东收费站卡口', type: 'checkpoint', district: '城东区', staffCount: 32, beds: 0, contact: '萧勇（带班）', phone: '138 0739 1402', address: '江川市城东区 江川东高速收费站出口' },
  { code: 'KK-03', name: '江川南收费站卡口', type: 'checkpoint', district: '临江区', staffCount: 28, beds: 0, contact: '程亮（带班）', phone: '138 0739 1403', address: '江川市临江区 江川南高速收费站出口' },
  { code: 'KK-04', name: '江川火车站出站口检疫点', type: 'checkpoint', district: '城西区', staffCount: 40, beds: 0, contact: '曹雪梅（带班）', phone: '138 0739 1404', address: '江川市城西区站前路 1 号 出站口' },
  { code: 'KK-05', name: '江川机场到达口检疫点', type: 'checkpoint', district: '高新区', staffCount: 38, beds: 0, contact: '袁航（带班）', phone: '138 0739 1405', address: '江川市高新区 江川机场 T1 到达层' },
  { code: 'KK-06', name: '青山县界省道卡口', type: 'checkpoint', district: '青山县', staffCount: 18, beds: 0, contact: '邓勇（带班）', phone: '138 0739 1406', address: '江川市青山县柳林乡 省道县界处' },
  { code: 'KK-07', name: '白石县界省道卡口', type: 'checkpoint', district: '白石县', staffCount: 16, beds: 0, contact: '许军（带班）', phone: '138 0739 1407', address: '江川市白石县马坪乡 省道县界处' },
  { code: 'KK-08', name: '江川港客运码头卡口', type: 'checkpoint', district: '临江区', staffCount: 14, beds: 0, contact: '傅明（带班）', phone: '138 0739 1408', address: '江川市临江区沿江路 港务客运码头' },
  // 封控管控点
  { code: 'FK-01', name: '滨江街道封控管控点', type: 'control_point', district: '临江区', staffCount: 48, beds: 0, contact: '沈丽（街道办）', phone: '137 0739 1501', address: '江川市临江区滨江街道办事处' },
  { code: 'FK-02', name: '解放路街道和平里小区管控点', type: 'control_point', district: '临江区', staffCount: 22, beds: 0, contact: '曾涛（社区）', phone: '137 0739 1502', address: '江川市临江区解放路和平里小区 东门' },
  { code: 'FK-03', name: '东湖街道封控管控点', type: 'control_point', district: '城东区', staffCount: 36, beds: 0, contact: '彭静（街道办）', phone: '137 0739 1503', address: '江川市城东区东湖街道办事处' },
  { code: 'FK-04', name: '西关街道封控管控点', type: 'control_point', district: '城西区', staffCount: 41, beds: 0, contact: '吕斌（街道办）', phone: '137 0739 1504', address: '江川市城西区西关街道办事处' },
  { code: 'FK-05', name: '湖滨街道管控点', type: 'control_point', district: '北湖区', staffCount: 27, beds: 0, contact: '苏婷（街道办）', phone: '137 0739 1505', address: '江川市北湖区湖滨街道办事处' },
  { code: 'FK-06', name: '创业园封控管控点', type: 'control_point', district: '高新区', staffCount: 19, beds: 0, contact: '卢伟（园区办）', phone: '137 0739 1506', address: '江川市高新区创业园 管委会服务中心' },
  { code: 'FK-07', name: '城关镇封控管控点', type: 'control_point', district: '青山县', staffCount: 24, beds: 0, contact: '蒋华（镇政府）', phone: '137 0739 1507', address: '江川市青山县城关镇政府' },
  { code: 'FK-08', name: '白石镇封控管控点', type: 'control_point', district: '白石县', staffCount: 17, beds: 0, contact: '蔡军（镇政府）', phone: '137 0739 1508', address: '江川市白石县白石镇政府' },
  // 乡镇卫生院
  { code: 'WSY-01', name: '青山县城关镇中心卫生院', type: 'township_health_centre', district: '青山县', staffCount: 78, beds: 60, tier: 'minimum', contact: '贾春生（院办）', phone: '0739-7524 1601', address: '江川市青山县城关镇新华街 12 号' },
  { code: 'WSY-02', name: '青山县石门镇卫生院', type: 'township_health_centre', district: '青山县', staffCount: 42, beds: 30, contact: '丁玲（院办）', phone: '0739-7531 1602', address: '江川市青山县石门镇正街 5 号' },
  { code: 'WSY-03', name: '青山县柳林乡卫生院', type: 'township_health_centre', district: '青山县', staffCount: 26, beds: 20, contact: '魏东（院办）', phone: '0739-7536 1603', address: '江川市青山县柳林乡柳林村' },
  { code: 'WSY-04', name: '青山县双河镇卫生院', type: 'township_health_centre', district: '青山县', staffCount: 35, beds: 25, contact: '薛芳（院办）', phone: '0739-7538 1604', address: '江川市青山县双河镇河街 21 号' },
  { code: 'WSY-05', name: '白石县白石镇中心卫生院', type: 'township_health_centre', district: '白石县', staffCount: 66, beds: 50, contact: '叶明（院办）', phone: '0739-7813 1605', address: '江川市白石县白石镇北街 8 号' },
  { code: 'WSY-06', name: '白石县龙潭镇卫生院', type: 'township_health_centre', district: '白石县', staffCount: 38, beds: 30, contact: '阎红（院办）', phone: '0739-7821 1606', address: '江川市白石县龙潭镇龙潭街 3 号' },
  { code: 'WSY-07', name: '白石县马坪乡卫生院', type: 'township_health_centre', district: '白石县', staffCount: 24, beds: 15, contact: '余涛（院办）', phone: '0739-7826 1607', address: '江川市白石县马坪乡马坪村' },
  { code: 'WSY-08', name: '北湖区湖口镇卫生院', type: 'township_health_centre', district: '北湖区', staffCount: 45, beds: 40, contact: '潘丽（院办）', phone: '0739-6461 1608', address: '江川市北湖区湖口镇湖口街 30 号' },
  { code: 'WSY-09', name: '高新区新桥镇卫生院', type: 'township_health_centre', district: '高新区', staffCount: 31, beds: 20, contact: '杜鹏（院办）', phone: '0739-6697 1609', address: '江川市高新区新桥镇桥东路 2 号' },
  // 急救车组
  { code: 'JJ-01', name: '江川市急救中心 本部车组', type: 'ambulance_team', district: '临江区', staffCount: 24, beds: 0, tier: 'full', contact: '戴军（调度科）', phone: '0739-6212 0120', address: '江川市临江区人民路 130 号' },
  { code: 'JJ-02', name: '江川市急救中心 城东分站车组', type: 'ambulance_team', district: '城东区', staffCount: 18, beds: 0, contact: '夏雨（站长）', phone: '0739-6379 1702', address: '江川市城东区东湖路 58 号' },
  { code: 'JJ-03', name: '江川市急救中心 北湖分站车组', type: 'ambulance_team', district: '北湖区', staffCount: 16, beds: 0, contact: '钟平（站长）', phone: '0739-6458 1703', address: '江川市北湖区湖口路 70 号' },
  { code: 'JJ-04', name: '青山县急救站车组', type: 'ambulance_team', district: '青山县', staffCount: 12, beds: 0, contact: '汪洋（站长）', phone: '0739-7525 1704', address: '江川市青山县城关镇健康路 3 号' },
  { code: 'JJ-05', name: '白石县急救站车组', type: 'ambulance_team', district: '白石县', staffCount: 10, beds: 0, contact: '田刚（站长）', phone: '0739-7814 1705', address: '江川市白石县白石镇南街 35 号' },
  // 一线工作人员
  { code: 'YX-01', name: '江川市疾控中心流调队', type: 'frontline_staff', district: '城西区', staffCount: 86, beds: 0, tier: 'minimum', contact: '任志强（队长）', phone: '136 0739 1801', address: '江川市城西区卫生路 10 号' },
  { code: 'YX-02', name: '临江区核酸采样队', type: 'frontline_staff', district: '临江区', staffCount: 240, beds: 0, contact: '姜玲（队长）', phone: '136 0739 1802', address: '江川市临江区卫生健康局' },
  { code: 'YX-03', name: '城东区社区防控工作队', type: 'frontline_staff', district: '城东区', staffCount: 310, beds: 0, contact: '范文（队长）', phone: '136 0739 1803', address: '江川市城东区民政局' },
  { code: 'YX-04', name: '江川市隔离转运专班', type: 'frontline_staff', district: '高新区', staffCount: 64, beds: 0, contact: '方杰（专班负责人）', phone: '136 0739 1804', address: '江川市高新区公交停车场 调度楼' },
  { code: 'YX-05', name: '临江分局卡口执勤队', type: 'frontline_staff', district: '临江区', staffCount: 120, beds: 0, contact: '石磊（教导员）', phone: '136 0739 1805', address: '江川市临江区公安分局' },
  { code: 'YX-06', name: '江川市环卫消杀队', type: 'frontline_staff', district: '北湖区', staffCount: 150, beds: 0, contact: '姚斌（队长）', phone: '136 0739 1806', address: '江川市北湖区环卫作业中心' },
];
