// Runs before `npm start` and `npm run serve`, on whatever Node the machine has (plain CommonJS:
// an older Node cannot run the project's .ts files at all). Says in words what is missing.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`应急物资保障台需要 Node 24（当前为 ${process.version}）。请安装 Node 24（见 .nvmrc），或运行 .ci/run 由它安装。`);
  console.error(`Depot Desk needs Node 24 (this is ${process.version}). Install Node 24 (see .nvmrc), or run .ci/run, which installs it.`);
  process.exit(1);
}
if (process.argv[2] === 'electron') {
  // Looked up without loading electron: its index downloads the binary on demand, which cannot work here.
  const { existsSync, readFileSync } = require('node:fs');
  const { dirname, join } = require('node:path');
  let binary;
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const path = join(dir, 'path.txt');
    binary = existsSync(path) ? join(dir, 'dist', readFileSync(path, 'utf8').trim()) : null;
  } catch {
    binary = null;
  }
  if (binary === null || !existsSync(binary)) {
    console.error('找不到 Electron 程序（安装时未能从网络下载）。在浏览器中使用整套程序：npm run serve');
    console.error("Electron's binary is missing (it could not be downloaded at install). To use the whole app in a browser: npm run serve");
    process.exit(1);
  }
}
