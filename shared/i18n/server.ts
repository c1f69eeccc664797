import { bundle } from './shape.ts';

/** The depot server and the desks that join it (main/server/). */
const zh = {
  cli: {
    serve: {
      advertised: '已在局域网中以“{{name}}”发布（DNS-SD），各台电脑加入时可在列表中选择；网络不允许组播时，请输入上面的地址',
      advertiseFailed: '无法在局域网中发布（DNS-SD）：{{error}}；各台电脑请输入地址加入',
    },
  },
  auth: { idleLocked: '本机长时间无人操作，已自动退出登录，请重新登录' },
  app: { stale: '以下为断线前的数据，可能已过期；连接恢复后自动刷新' },
  settings: {
    backups: {
      title: '备份与恢复',
      policy: '自动备份到 {{folder}}：启动时及每 {{hours}} 小时一次，保留最近 {{keep}} 份',
      none: '还没有备份：启动应用时会自动备份一次',
      takenAt: '备份时间',
      file: '文件',
      size: '大小',
      restore: '恢复…',
      confirmTitle: '从备份恢复',
      confirmText: '将把数据恢复到 {{at}} 的备份（{{name}}）。此后录入的单据将不在恢复后的数据中。恢复前会先把当前数据另行备份；应用随即重新启动以完成恢复（仓库服务器须由管理员重启）。确定恢复吗？',
      confirm: '备份当前数据并恢复',
      staged: '已准备从 {{name}} 恢复，当前数据已备份为 {{safety}}。应用将重新启动以完成恢复；在仓库服务器上，请重启服务器。',
    },
    idleLock: {
      title: '空闲锁定',
      minutes: '无人操作多少分钟后自动退出登录',
      hint: '适用于本库所有电脑和手持终端；0 表示不自动退出',
    },
  },
  errors: {
    server_not_pinned: '本机尚未加入仓库服务器：请先输入或选择服务器地址，并由管理员核对证书校验码',
    server_certificate_changed:
      '警告：仓库服务器 {{address}} 出示的证书与本机确认过的不同（确认过的校验码 {{pinned}}，现在出示的 {{presented}}）。可能有人冒充服务器，本机已拒绝连接，没有发送任何数据。请联系管理员到服务器上核对校验码；确属服务器更换了证书，由管理员在本机重新确认。',
    server_unreachable: '无法连接仓库服务器 {{address}}：{{detail}}。请检查网络和服务器是否运行',
    server_link_down: '与仓库服务器的连接已断开，本次修改没有提交；连接恢复后请重新操作',
    signin_throttled: '从本机登录失败的次数过多，请 {{seconds}} 秒后再试',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    cli: {
      serve: {
        advertised: 'Advertised on the LAN as “{{name}}” (DNS-SD): desks can pick it from the list when joining; where the network blocks multicast, they type the address above',
        advertiseFailed: 'Could not advertise on the LAN (DNS-SD): {{error}}; desks type the address to join',
      },
    },
    auth: { idleLocked: 'Nobody used this desk for a while, so it signed out: please sign in again' },
    app: { stale: 'What is shown is from before the link was lost and may be out of date; it refreshes once the link is back' },
    settings: {
      backups: {
        title: 'Backups and restore',
        policy: 'Backed up to {{folder}} at start and every {{hours}} hours, the newest {{keep}} kept',
        none: 'No backups yet: the app takes one when it starts',
        takenAt: 'Taken at',
        file: 'File',
        size: 'Size',
        restore: 'Restore…',
        confirmTitle: 'Restore from a backup',
        confirmText: 'The data goes back to the backup of {{at}} ({{name}}). Documents entered since will not be in it. The data as it is now is backed up first; the app then restarts to complete the restore (a depot server must be restarted by its administrator). Restore?',
        confirm: 'Back up the current data and restore',
        staged: 'Ready to restore {{name}}; the current data is backed up as {{safety}}. The app restarts to complete the restore; on a depot server, restart the server.',
      },
      idleLock: {
        title: 'Idle lock',
        minutes: 'Sign out after this many minutes without input',
        hint: 'For every desk and handheld of this depot; 0 never signs out',
      },
    },
    errors: {
      server_not_pinned: 'This desk has not joined a depot server yet: type or pick its address, and have an admin confirm the certificate code',
      server_certificate_changed:
        'Warning: the depot server {{address}} presents a different certificate from the one confirmed on this desk (confirmed code {{pinned}}, presented now {{presented}}). Someone may be posing as the server: this desk refused to connect and sent nothing. Ask an admin to compare the code on the server; if the server really changed its certificate, an admin confirms it again on this desk.',
      server_unreachable: 'Cannot reach the depot server {{address}}: {{detail}}. Check the network and that the server is running',
      server_link_down: 'The link to the depot server is down: this change was not sent; do it again once the link is back',
      signin_throttled: 'Too many failed sign-ins from this machine: try again in {{seconds}} s',
    },
  },
});
