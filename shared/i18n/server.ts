import { bundle } from './shape.ts';

/** The depot server and the desks that join it (main/server/). */
const zh = {
  errors: {
    server_not_pinned: '本机尚未加入仓库服务器：请先输入或选择服务器地址，并由管理员核对证书校验码',
    server_certificate_changed:
      '警告：仓库服务器 {{address}} 出示的证书与本机确认过的不同（确认过的校验码 {{pinned}}，现在出示的 {{presented}}）。可能有人冒充服务器，本机已拒绝连接，没有发送任何数据。请联系管理员到服务器上核对校验码；确属服务器更换了证书，由管理员在本机重新确认。',
    server_unreachable: '无法连接仓库服务器 {{address}}：{{detail}}。请检查网络和服务器是否运行',
    signin_throttled: '从本机登录失败的次数过多，请 {{seconds}} 秒后再试',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    errors: {
      server_not_pinned: 'This desk has not joined a depot server yet: type or pick its address, and have an admin confirm the certificate code',
      server_certificate_changed:
        'Warning: the depot server {{address}} presents a different certificate from the one confirmed on this desk (confirmed code {{pinned}}, presented now {{presented}}). Someone may be posing as the server: this desk refused to connect and sent nothing. Ask an admin to compare the code on the server; if the server really changed its certificate, an admin confirms it again on this desk.',
      server_unreachable: 'Cannot reach the depot server {{address}}: {{detail}}. Check the network and that the server is running',
      signin_throttled: 'Too many failed sign-ins from this machine: try again in {{seconds}} s',
    },
  },
});
