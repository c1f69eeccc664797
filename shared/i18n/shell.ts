import { bundle } from './shape.ts';

/** The desktop shell's own words: the application menu and its dialogs. */
const zh = {
  menu: {
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    quit: '退出',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
    minimize: '最小化',
    close: '关闭窗口',
    about: '关于应急物资保障台',
    openDataFolder: '打开数据文件夹',
  },
  shell: {
    startFailed: '应急物资保障台无法启动',
    startFailedDetail: '打开数据库失败：{{message}}\n数据文件：{{path}}',
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    menu: {
      file: 'File',
      edit: 'Edit',
      view: 'View',
      window: 'Window',
      help: 'Help',
      quit: 'Quit',
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      selectAll: 'Select all',
      reload: 'Reload',
      toggleDevTools: 'Developer tools',
      resetZoom: 'Actual size',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      fullscreen: 'Full screen',
      minimize: 'Minimize',
      close: 'Close window',
      about: 'About Depot Desk',
      openDataFolder: 'Open data folder',
    },
    shell: {
      startFailed: 'Depot Desk could not start',
      startFailedDetail: 'Opening the database failed: {{message}}\nData file: {{path}}',
    },
  },
});
