import { bundle } from './shape.ts';

/** The city's command center and the depots' link to it (main/center/). */
const zh = {
  cli: {
    summary: {
      center: '启动指挥中心服务（PostgreSQL）：接收各仓库的同步数据',
      'center-register': '在指挥中心登记一个仓库及其公钥',
      'center-import': '在指挥中心导入仓库用 U 盘带来的同步文件',
      'center-key': '显示本库的签名公钥（首次使用时生成），交给指挥中心登记',
      push: '把本库待同步的数据发送到指挥中心，或导出为签名文件（断网时用 U 盘带去）',
    },
  },
  center: {
    refused: {
      unknown_depot: '指挥中心不认识仓库“{{depot}}”：请先由指挥中心登记该仓库及其公钥',
      bad_signature: '仓库“{{depot}}”的数据签名核对不通过：数据可能在途中被改动，或不是用该仓库登记的密钥签发的。未导入任何内容',
      foreign_batch: '数据声称来自仓库“{{claimed}}”，却以仓库“{{depot}}”的名义提交：已拒绝，未导入任何内容',
      bad_batch: '仓库“{{depot}}”送来的数据格式不正确（{{detail}}）：未导入任何内容',
      gap: '仓库“{{depot}}”的数据不连续：指挥中心已收到第 {{highWater}} 条，这批从第 {{fromSeq}} 条开始。请先送来中间的数据，本批稍后重试，未导入任何内容',
      bad_file: '文件“{{file}}”不是仓库导出的同步文件，或已损坏：未导入任何内容',
      depot_exists: '仓库编码“{{depot}}”已登记，且公钥不同：如确需更换密钥，请联系系统管理员',
      bad_key: '公钥不是有效的 Ed25519 公钥（PEM 格式）',
      depot_rewound: '仓库“{{depot}}”送来的第 {{seq}} 条与指挥中心已收到的不一致（中心已有到第 {{highWater}} 条）：该仓库可能恢复了较早的备份。为免丢失或重复，未导入任何内容，请联系系统管理员核对',
      center_too_new: '指挥中心数据库的结构版本（{{found}}）比本程序支持的（{{supported}}）更新：请更新程序',
    },
    push: {
      sent: '已向指挥中心同步 {{applied}} 条（跳过已有的 {{skipped}} 条），中心已到第 {{highWater}} 条',
      unreachable: '无法连接指挥中心 {{url}}：{{detail}}。数据保留在本库，恢复连接后再同步',
      nothing: '没有待同步的数据',
    },
    file: {
      exported: '已导出 {{entries}} 条待同步数据到 {{file}}（第 {{fromSeq}}–{{toSeq}} 条）',
      imported: '已导入 {{batches}} 批：新增 {{applied}} 条，已有而跳过 {{skipped}} 条',
    },
    registered: '已登记仓库“{{name}}”（{{depot}}）',
    listening: '指挥中心已启动：{{url}}（数据库 {{pg}}）',
    lag: { synced: '最后同步 {{ago}}', never: '尚未同步', pending: '{{count}} 条待同步' },
    pgUnreachable: '无法连接指挥中心的 PostgreSQL 数据库 {{url}}：{{detail}}。请检查地址、用户名、密码和数据库是否运行',
    needCertDir: '在本机以外的地址上监听时只用 HTTPS：请用 --cert-dir 指定保存证书的目录',
    badDepotCode: '仓库编码“{{depot}}”不合规：只能用字母、数字、- 和 _，最多 32 个字符',
    fileMissing: '文件不存在：{{file}}',
    needFile: '请指定要导入的同步文件',
    needCenterOrOut: '请用 --center 指定指挥中心地址，或用 --out 指定导出文件',
    keyCreated: '已生成本库的签名密钥：{{file}}（仅本用户可读，请与数据库一同备份）。把下面的公钥交给指挥中心登记：',
    transfer: {
      note: '调拨自{{from}}，出库单 {{no}}',
      noExpiry: '调出仓库未记录有效期',
      unknownItems: '本库没有以下物资，无法生成调拨入库单：{{items}}。请先在物资中添加（编码须与调出仓库一致）',
      noLocation: '本库还没有可用的库位，无法生成调拨入库单',
    },
    ago: { justNow: '刚刚', minutes: '{{count}} 分钟前', hours: '{{count}} 小时前', days: '{{count}} 天前' },
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    cli: {
      summary: {
        center: "start the command center's service (PostgreSQL): it takes the depots' data",
        'center-register': 'register a depot and its public key at the command center',
        'center-import': "import a depot's sync file brought on a USB stick at the command center",
        'center-key': "show this depot's signing public key (made on first use) for the command center to register",
        push: "send this depot's waiting data to the command center, or export it as a signed file (for a USB stick when offline)",
      },
    },
    center: {
      refused: {
        unknown_depot: 'The command center does not know depot “{{depot}}”: register the depot and its public key at the center first',
        bad_signature: 'The signature of depot “{{depot}}”\'s data does not check: it may have been changed on the way, or was not signed with the key registered for this depot. Nothing was imported',
        foreign_batch: 'The data says it comes from depot “{{claimed}}” but was submitted as depot “{{depot}}”: refused, nothing was imported',
        bad_batch: 'The data sent by depot “{{depot}}” is not in the right form ({{detail}}): nothing was imported',
        gap: 'Depot “{{depot}}”\'s data has a gap: the center has up to entry {{highWater}}, this batch starts at {{fromSeq}}. Send the entries in between first; this batch is retried later. Nothing was imported',
        bad_file: 'File “{{file}}” is not a depot\'s sync file, or it is damaged: nothing was imported',
        depot_exists: 'Depot code “{{depot}}” is already registered with another public key: ask the system administrator if the key really must change',
        bad_key: 'The public key is not a valid Ed25519 public key (PEM)',
        depot_rewound: 'Entry {{seq}} from depot “{{depot}}” differs from what the center already has (up to entry {{highWater}}): the depot may have restored an older backup. Nothing was imported, so nothing is lost or doubled; ask the system administrator to check',
        center_too_new: 'The command center\'s database is at schema version {{found}}, newer than this program supports ({{supported}}): update the program',
      },
      push: {
        sent: 'Sent {{applied}} entries to the command center (skipped {{skipped}} it already had); the center is at entry {{highWater}}',
        unreachable: 'Cannot reach the command center {{url}}: {{detail}}. The data stays in this depot and is sent once the link is back',
        nothing: 'Nothing waiting to be sent',
      },
      file: {
        exported: 'Exported {{entries}} entries waiting to be sent to {{file}} (entries {{fromSeq}}–{{toSeq}})',
        imported: 'Imported {{batches}} batches: {{applied}} new entries, {{skipped}} already there and skipped',
      },
      registered: 'Registered depot “{{name}}” ({{depot}})',
      listening: 'The command center is running: {{url}} (database {{pg}})',
      lag: { synced: 'Last synced {{ago}}', never: 'Never synced', pending: '{{count}} waiting' },
      pgUnreachable: 'Cannot connect to the command center\'s PostgreSQL database {{url}}: {{detail}}. Check the address, user, password and that the database is running',
      needCertDir: 'Listening beyond this machine speaks HTTPS only: give --cert-dir, the folder that keeps the certificate',
      badDepotCode: 'Depot code “{{depot}}” is not valid: letters, digits, - and _ only, up to 32 characters',
      fileMissing: 'File not found: {{file}}',
      needFile: 'Name the sync file to import',
      needCenterOrOut: 'Give the command center\'s address with --center, or a file to export to with --out',
      keyCreated: 'Made this depot\'s signing key: {{file}} (readable by this user only; back it up with the database). Give the public key below to the command center to register:',
      transfer: {
        note: 'Transfer from {{from}}, dispatch {{no}}',
        noExpiry: 'the sending depot recorded no expiry',
        unknownItems: 'This depot has no such items, so the transfer cannot be drafted: {{items}}. Add them first (with the sending depot\'s codes)',
        noLocation: 'This depot has no active location yet, so the transfer cannot be drafted',
      },
      ago: { justNow: 'just now', minutes: '{{count}} min ago', hours: '{{count}} h ago', days: '{{count}} days ago' },
    },
  },
});
