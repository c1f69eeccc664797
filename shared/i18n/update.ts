import { bundle } from './shape.ts';

/** Software updates from the intranet server. */
const zh = {
  field: { url: '更新服务器地址', checkEveryHours: '检查间隔（小时）' },
  issue: { update_url: '更新服务器地址须以 http:// 或 https:// 开头，例如 http://10.1.2.3/depot-desk/' },
  update: {
    title: '软件更新',
    state: {
      off: '未启用自动更新',
      idle: '已是最新版本',
      checking: '正在检查更新…',
      available: '发现新版本 {{version}}',
      downloading: '正在下载新版本 {{version}}（{{percent}}%）',
      downloaded: '新版本 {{version}} 已下载，重启后安装',
      error: '检查或下载更新失败：{{error}}',
    },
    current: '当前版本 {{version}}',
    download: '下载新版本',
    install: '重启并安装',
    installWaiting: '将在当前业务保存完成后重启安装',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    field: { url: 'Update server URL', checkEveryHours: 'Check every (hours)' },
    issue: { update_url: 'The update server URL must start with http:// or https://, e.g. http://10.1.2.3/depot-desk/' },
    update: {
      title: 'Software update',
      state: {
        off: 'Automatic updates are off',
        idle: 'Up to date',
        checking: 'Checking for updates…',
        available: 'Version {{version}} is available',
        downloading: 'Downloading version {{version}} ({{percent}}%)',
        downloaded: 'Version {{version}} is downloaded and installs on restart',
        error: 'Checking or downloading the update failed: {{error}}',
      },
      current: 'Current version {{version}}',
      download: 'Download the new version',
      install: 'Restart and install',
      installWaiting: 'Restarts to install as soon as the current work is saved',
    },
  },
});
