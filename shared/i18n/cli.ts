import { bundle } from './shape.ts';

/** The `depot` command line: what IT staff read in a terminal. */
const zh = {
  cli: {
    title: 'depot — 应急物资保障台命令行',
    usage: '用法：depot <命令> [选项]',
    commandsHeading: '命令：',
    optionsHeading: '通用选项：',
    langOption: '输出语言：zh-CN（默认）或 en',
    helpOption: '显示该命令的帮助',
    moreHelp: '运行 depot help <命令> 查看某个命令的说明。',
    commandUsage: '用法：depot {{name}} {{usage}}',
    summary: {
      init: '创建数据库，或把它升级到本程序的架构版本',
      demo: '填入一个示例储备库：物资、库位、供货渠道、受领单位',
      backup: '在线备份数据库（程序运行时也可执行）',
      serve: '启动局域网仓库服务器：在浏览器中打开整套程序（不指定 --db 时使用示例储备库）',
      restore: '用备份恢复数据库（先检查备份完整，当前文件另存；须先关闭使用该文件的程序）',
      help: '显示帮助',
    },
    error: {
      prefix: '错误：',
      unknownCommand: '未知的命令“{{name}}”',
      noCommand: '请指定一个命令',
      badArgs: '参数有误：{{detail}}',
      unknownOption: '未知的选项 {{option}}',
      missingValue: '选项 {{option}} 需要一个值',
      unexpectedArgument: '多余的参数“{{arg}}”',
      missingOption: '缺少选项 {{option}}',
      badLang: '不支持的语言“{{lang}}”，可选 zh-CN 或 en',
      dirMissing: '目录不存在：{{dir}}',
      dbMissing: '数据库文件不存在：{{file}}',
      outExists: '目标文件已存在：{{file}}（如确需覆盖，请加 --force）',
      sameFile: '备份文件不能与数据库是同一个文件',
      notEmpty: '数据库 {{file}} 中已有主数据（物资 {{items}}、库位 {{locations}}、供货渠道 {{suppliers}}、受领单位 {{units}}），示例数据只能写入空库',
      failed: '执行失败：{{detail}}',
    },
    init: {
      created: '已创建数据库 {{file}}，架构版本 {{version}}',
      ready: '数据库 {{file}} 已就绪，架构版本 {{version}}',
    },
    demo: {
      done: '示例储备库已写入 {{file}}：',
      items: '物资 {{count}} 种（{{categories}} 个类别）',
      locations: '库位 {{count}} 个（{{depots}} 个仓库）',
      suppliers: '供货渠道 {{count}} 家',
      units: '受领单位 {{count}} 个（{{types}} 种类型）',
    },
    backup: {
      done: '已备份到 {{file}}：{{pages}} 页，{{bytes}} 字节',
    },
    serve: {
      ready: '仓库服务器已启动（数据文件 {{file}}）：请在浏览器中打开 {{url}}。按 Ctrl+C 停止。',
      demo: '示例储备库服务器已启动（数据文件 {{file}}）：请在浏览器中打开 {{url}}，首次打开时设置管理员。按 Ctrl+C 停止。',
      badPort: '端口“{{port}}”无效：应为 0–65535 的整数',
      noRenderer: '找不到界面文件 dist/renderer：请先运行 npm run build:renderer（npm run serve 会自动构建）',
    },
    restore: {
      done: '已用 {{from}} 恢复 {{file}}；恢复前的文件另存为 {{kept}}',
    },
  },
};

export default bundle({
  'zh-CN': zh,
  en: {
    cli: {
      title: 'depot — Depot Desk command line',
      usage: 'Usage: depot <command> [options]',
      commandsHeading: 'Commands:',
      optionsHeading: 'Common options:',
      langOption: 'output language: zh-CN (default) or en',
      helpOption: "show the command's help",
      moreHelp: 'Run depot help <command> for one command.',
      commandUsage: 'Usage: depot {{name}} {{usage}}',
      summary: {
        init: "create the database, or upgrade it to this app's schema version",
        demo: 'fill in a sample depot: items, locations, suppliers, recipient units',
        backup: 'back up the database online (also while the app runs)',
        serve: 'start the depot server on the LAN: the whole app in a browser (a demo depot without --db)',
        restore: 'restore the database from a backup (checked first, the current file kept; close the app using it first)',
        help: 'show help',
      },
      error: {
        prefix: 'Error: ',
        unknownCommand: 'unknown command "{{name}}"',
        noCommand: 'name a command',
        badArgs: 'bad arguments: {{detail}}',
        unknownOption: 'unknown option {{option}}',
        missingValue: 'option {{option}} needs a value',
        unexpectedArgument: 'unexpected argument "{{arg}}"',
        missingOption: 'missing option {{option}}',
        badLang: 'unsupported language "{{lang}}"; use zh-CN or en',
        dirMissing: 'folder does not exist: {{dir}}',
        dbMissing: 'database file does not exist: {{file}}',
        outExists: 'target file already exists: {{file}} (add --force to overwrite it)',
        sameFile: 'the backup cannot be the database file itself',
        notEmpty: 'database {{file}} already has master data (items {{items}}, locations {{locations}}, suppliers {{suppliers}}, recipient units {{units}}); the demo goes only into an empty database',
        failed: 'failed: {{detail}}',
      },
      init: {
        created: 'Created database {{file}}, schema version {{version}}',
        ready: 'Database {{file}} is ready, schema version {{version}}',
      },
      demo: {
        done: 'Sample depot written to {{file}}:',
        items: '{{count}} items ({{categories}} categories)',
        locations: '{{count}} locations ({{depots}} depots)',
        suppliers: '{{count}} suppliers',
        units: '{{count}} recipient units ({{types}} types)',
      },
      backup: {
        done: 'Backed up to {{file}}: {{pages}} pages, {{bytes}} bytes',
      },
      serve: {
        ready: 'Depot server running (data file {{file}}): open {{url}} in a browser. Ctrl+C stops it.',
        demo: 'Demo depot server running (data file {{file}}): open {{url}} in a browser and set up the admin on first opening. Ctrl+C stops it.',
        badPort: 'Port "{{port}}" is not valid: a whole number from 0 to 65535',
        noRenderer: 'The screens (dist/renderer) are not built: run npm run build:renderer first (npm run serve builds them)',
      },
      restore: {
        done: 'Restored {{file}} from {{from}}; the file as it was is kept as {{kept}}',
      },
    },
  },
});
