import { bundle } from './shape.ts';

/** Printing: the print channels' fields and refusals, and `depot print`. */
const zh = {
  field: {
    order: '调拨单',
    receipt: '入库单',
    lot: '批次',
    paper: '纸张',
    parts: '联次',
    margins: '页边距',
    output: '输出方式',
    printer: '打印机',
    silent: '静默打印',
    copies: '份数',
    labelKind: '标签类型',
    size: '标签尺寸',
    count: '张数',
    cartonsPerPallet: '每托箱数',
    host: '标签打印机地址',
    port: '端口',
    language: '打印指令',
    dpi: '打印精度',
    docType: '单据类型',
    docId: '单据',
    slip: '出库单打印设置',
    label: '标签打印设置',
  },
  issue: {
    pdf_path: '{{field}}须是以 .pdf 结尾的完整路径（如 D:\\单据\\出库单.pdf）',
    pdf_only: '{{field}}只在输出 PDF 时填写',
    repeated: '{{field}}有重复',
    host: '{{field}}应为主机名或 IP 地址',
  },
  print: {
    defaultPrinter: '默认打印机',
    error: {
      noPrinting: '这里不能直接打印到打印机（命令行只能输出 PDF），请改为输出 PDF',
      folderMissing: '文件夹不存在：{{dir}}',
      cannotWrite: '无法写入 {{path}}：{{detail}}',
      printFailed: '打印机“{{printer}}”打印失败：{{detail}}',
      ambiguousLot: '批号 {{lot}} 对应多种物资（{{items}}），请指定物资编码',
      noPacks: '{{item}} 没有设置包装，不能打印箱标或托盘标',
      nothingOnHand: '批次 {{lot}} 已无库存，请填写张数',
      tooManyLabels: '一次最多打印 500 张标签（按库存需要 {{count}} 张），请填写张数',
    },
  },
  cli: {
    summary: {
      print: '把出库单（slip）、入库单（receipt）或标签（labels）输出为 PDF。选项：--paper A4|A5|continuous-241，--kind lot|carton|pallet，--size 100x70|60x40，--count 张数，--cartons 每托箱数',
    },
    print: {
      done: '已生成 {{file}}：{{title}}，共 {{pages}} 页',
      reprint: '本次为补打（第 {{count}} 次）',
      labels: '已生成 {{file}}：{{title}}，{{count}} 张标签',
    },
    error: {
      printWhat: '请指明要打印的单据：slip（出库单）、receipt（入库单）或 labels（标签）',
      printNo: '请给出{{what}}号',
      printOption: '选项 {{option}} 不适用于 print {{what}}',
      printNumber: '选项 {{option}} 须为正整数',
    },
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    field: {
      order: 'Dispatch order',
      receipt: 'Receipt',
      lot: 'Lot',
      paper: 'Paper',
      parts: 'Parts',
      margins: 'Margins',
      output: 'Output',
      printer: 'Printer',
      silent: 'Silent printing',
      copies: 'Copies',
      labelKind: 'Label kind',
      size: 'Label size',
      count: 'Number of labels',
      cartonsPerPallet: 'Cartons per pallet',
      host: 'Label printer address',
      port: 'Port',
      language: 'Printer language',
      dpi: 'Print resolution',
      docType: 'Document type',
      docId: 'Document',
      slip: 'Slip print settings',
      label: 'Label print settings',
    },
    issue: {
      pdf_path: '{{field}} must be a full path ending in .pdf (e.g. D:\\slips\\order.pdf)',
      pdf_only: '{{field}} is only for PDF output',
      repeated: '{{field}} has repeats',
      host: '{{field}} must be a host name or an IP address',
    },
    print: {
      defaultPrinter: 'default printer',
      error: {
        noPrinting: 'Cannot print to a printer here (the command line writes PDFs only); choose PDF output',
        folderMissing: 'Folder does not exist: {{dir}}',
        cannotWrite: 'Cannot write {{path}}: {{detail}}',
        printFailed: 'Printing on "{{printer}}" failed: {{detail}}',
        ambiguousLot: 'Lot {{lot}} belongs to several items ({{items}}); give the item code',
        noPacks: '{{item}} has no packs: no carton or pallet labels',
        nothingOnHand: 'Lot {{lot}} has nothing on hand; give the number of labels',
        tooManyLabels: 'At most 500 labels at a time (the stock needs {{count}}); give the number of labels',
      },
    },
    cli: {
      summary: {
        print: 'write a dispatch slip, an inbound receipt or labels as a PDF. Options: --paper A4|A5|continuous-241, --kind lot|carton|pallet, --size 100x70|60x40, --count N (labels), --cartons N (per pallet)',
      },
      print: {
        done: 'Wrote {{file}}: {{title}}, {{pages}} pages',
        reprint: 'This is reprint no. {{count}}',
        labels: 'Wrote {{file}}: {{title}}, {{count}} labels',
      },
      error: {
        printWhat: 'name what to print: slip, receipt or labels',
        printNo: 'give the {{what}} number',
        printOption: 'option {{option}} does not apply to print {{what}}',
        printNumber: 'option {{option}} must be a positive whole number',
      },
    },
  },
});
