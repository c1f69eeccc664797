import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleLabel } from '../../../main/documents/sample.ts';
import { sendRaw, PrinterError } from '../../../main/documents/labels/send.ts';
import { tsplLabels } from '../../../main/documents/labels/tspl.ts';
import { zplLabels } from '../../../main/documents/labels/zpl.ts';
import { textEm } from '../../../main/documents/label.ts';

/** A stand-in for a network label printer: a listener on 127.0.0.1 that keeps what it is sent. */
function fakePrinter(opts: { pauseOnConnect?: boolean; neverClose?: boolean } = {}) {
  const sockets: Socket[] = [];
  let resolveJob: (bytes: Buffer) => void;
  const job = new Promise<Buffer>((r) => (resolveJob = r));
  const server: Server = createServer({ pauseOnConnect: opts.pauseOnConnect ?? false, allowHalfOpen: opts.neverClose ?? false }, (socket) => {
    sockets.push(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolveJob(Buffer.concat(chunks)));
    socket.on('error', () => {});
  });
  return {
    job,
    async listen(): Promise<number> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return (server.address() as AddressInfo).port;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let printer: ReturnType<typeof fakePrinter> | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

describe('raw label printing over TCP 9100', () => {
  it('sends a ZPL job that the printer receives whole: UTF-8 Chinese, Code 128, QR, the lot number', async () => {
    printer = fakePrinter();
    const port = await printer.listen();
    const bytes = zplLabels([{ ...sampleLabel('carton'), serial: { n: 3, of: 16 } }, sampleLabel('lot')], { size: '100x70', copies: 2 });
    await sendRaw('127.0.0.1', port, bytes);
    const got = await printer.job;
    expect(got.equals(bytes)).toBe(true);
    const text = got.toString('utf8');
    expect(text.match(/\^XA/g)).toHaveLength(2);
    expect(text.match(/\^XZ/g)).toHaveLength(2);
    expect(text).toContain('^CI28');
    expect(text).toContain('^PW799');
    expect(text).toContain('^A@N,');
    expect(text).toContain('E:SIMSUN.TTF');
    expect(text).toMatch(/\^BY\d\^BCN,\d+,Y,N,N,A\^FH\^FD20260311-A\^FS/);
    expect(text).toContain('^BQN,2,');
    expect(text).toContain('^FDMA,LOT:FH-0001:20260311-A^FS');
    expect(text).toContain('医用防护口罩');
    expect(text).toContain('批号 20260311-A');
    // The carton's number among the lot's cartons, in the head line.
    expect(text).toContain('第 3/16 箱');
    expect(text).toContain('^PQ2');
  });

  it('carries the same production date, shelf and 待检 status as the PDF label, and nothing of them on an accepted lot', () => {
    const pending = { ...sampleLabel('carton'), producedOn: '2026-03-02', status: 'pending' as const, location: 'SB-A-01-03' };
    const zpl = zplLabels([pending], { size: '100x70' }).toString('utf8');
    expect(zpl).toContain('箱标[待检] FH-0001');
    expect(zpl).toContain('库位 SB-A-01-03');
    expect(zpl).toContain('生产日期 2026-03-02');
    expect(zpl).toContain('有效期至 2028-03-10');
    const plain = zplLabels([sampleLabel('carton')], { size: '100x70' }).toString('utf8');
    expect(plain).not.toContain('待检');
    expect(plain).not.toContain('生产日期');
  });

  it('sends a TSPL job in the printer’s built-in Chinese font by default: TSS24.BF2, the text in GB18030, no UTF-8 code page', async () => {
    printer = fakePrinter();
    const port = await printer.listen();
    await sendRaw('127.0.0.1', port, tsplLabels([sampleLabel('lot')], { size: '60x40', dpi: 203 }));
    const bytes = await printer.job;
    // What a TSC/Gprinter out of the box reads: GB18030 bytes (医 = D2 BD), not UTF-8 (E5 8C BB).
    expect(bytes.includes(Buffer.from([0xd2, 0xbd]))).toBe(true);
    expect(bytes.includes(Buffer.from('医', 'utf8'))).toBe(false);
    const text = new TextDecoder('gb18030').decode(bytes);
    expect(text).not.toContain('CODEPAGE');
    expect(text).toMatch(/TEXT \d+,\d+,"TSS24\.BF2",0,[1-9],[1-9],"医用防护口罩/);
    expect(text).toContain('有效期至 2028-03-10');
    expect(text.trimEnd().endsWith('PRINT 1,1')).toBe(true);
  });

  it('sends a TSPL job for 60×40 labels with a downloaded TrueType font when the settings name one: UTF-8 code page, BARCODE and QRCODE', async () => {
    printer = fakePrinter();
    const port = await printer.listen();
    await sendRaw('127.0.0.1', port, tsplLabels([sampleLabel('lot')], { size: '60x40', dpi: 300, font: 'SIMSUN.TTF' }));
    const text = (await printer.job).toString('utf8');
    expect(text).toContain('SIZE 60 mm,40 mm\r\n');
    expect(text).toContain('CODEPAGE UTF-8');
    expect(text).toContain('"SIMSUN.TTF"');
    expect(text).toMatch(/BARCODE \d+,\d+,"128",\d+,1,0,\d,\d,"20260311-A"/);
    expect(text).toMatch(/QRCODE \d+,\d+,M,\d+,A,0,"LOT:FH-0001:20260311-A"/);
    expect(text).toContain('医用防护口罩');
    expect(text).toContain('有效期至 2028-03-10');
    expect(text.trimEnd().endsWith('PRINT 1,1')).toBe(true);
  });

  it('ZPL prints Chinese in the font the settings name: a name without a drive is looked for on E:, none gives E:SIMSUN.TTF', () => {
    expect(zplLabels([sampleLabel('lot')], { size: '100x70', font: 'R:MSYH.TTF' }).toString('utf8')).toMatch(/\^A@N,\d+,\d+,R:MSYH\.TTF\^FB/);
    const bare = zplLabels([sampleLabel('lot')], { size: '100x70', font: 'NOTOSC.TTF' }).toString('utf8');
    expect(bare).toContain(',E:NOTOSC.TTF^FB');
    expect(bare).not.toContain('SIMSUN');
    expect(zplLabels([sampleLabel('lot')], { size: '100x70' }).toString('utf8')).toContain(',E:SIMSUN.TTF^FB');
  });

  it('wraps and cuts a long spec before it is sent, as the PDF label does: ZPL never has more lines than its ^FB holds, nor a line wider than the box', async () => {
    const spec = '一次性使用医用防护服 连体带帽 GB 19082-2009 标准 非无菌 适用于隔离病房、发热门诊及方舱医院医护人员穿着，尺码 175/XL，每套独立包装，附鞋套与检验合格证';
    const medium = '一次性使用医用防护服 连体带帽 GB 19082-2009 标准 非无菌 适用于隔离病房';
    // Too long for either label: cut with "…"; a shorter one wraps onto two lines whole.
    for (const [size, text, cut] of [['60x40', spec, true], ['100x70', spec, true], ['100x70', medium, false]] as const) {
      printer = fakePrinter();
      const port = await printer.listen();
      await sendRaw('127.0.0.1', port, zplLabels([{ ...sampleLabel('carton'), spec: text }], { size, dpi: 203 }));
      const zpl = (await printer.job).toString('utf8');
      await printer.close();
      printer = null;
      const [, height, boxWidth, maxLines, data] = /\^A@N,(\d+),\d+,[^^]+\^FB(\d+),(\d+),\d+,L,0\^FH\^FD(一次性使用[^^]*)\^FS/.exec(zpl)!;
      const lines = data!.split('\\&');
      expect(lines.length, size).toBeLessThanOrEqual(Number(maxLines));
      // Each line no wider than the block at the glyph height sent (a CJK glyph is one em).
      for (const line of lines) expect(textEm(line) * Number(height), `${size}: ${line}`).toBeLessThanOrEqual(Number(boxWidth));
      expect(data!.endsWith('…'), size).toBe(cut);
      if (!cut) expect(lines.length).toBe(2);
      if (!cut) expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
    const label = { ...sampleLabel('carton'), spec };
    // TSPL: the same lines, one TEXT each, one line lower each time; the printer wraps nothing.
    const tspl = new TextDecoder('gb18030').decode(tsplLabels([label], { size: '60x40' }));
    const zplLines = /\^FD(一次性使用[^^]*)\^FS/.exec(zplLabels([label], { size: '60x40' }).toString('utf8'))![1]!.split('\\&');
    const texts = tspl.split('\r\n').filter((c) => c.startsWith('TEXT')).map((c) => /^TEXT \d+,(\d+),"TSS24\.BF2",0,\d,\d,"(.*)"$/.exec(c)!);
    const specLines = texts.slice(texts.findIndex((m) => m[2]!.startsWith('一次性使用'))).slice(0, zplLines.length);
    expect(specLines.map((m) => m[2])).toEqual(zplLines);
    expect(new Set(specLines.map((m) => m[1])).size).toBe(zplLines.length);
    expect(tspl).not.toContain('BLOCK');
  });

  it('escapes what the printer would read as commands', () => {
    const label = { ...sampleLabel('lot'), itemName: '口罩^XZ~JR_"引号"' };
    const zpl = zplLabels([label], { size: '100x70' }).toString('utf8');
    expect(zpl).toContain('口罩_5EXZ_7EJR_5F"引号"');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    const tspl = tsplLabels([label], { size: '100x70', font: 'SIMSUN.TTF' }).toString('utf8');
    expect(tspl).toContain('"口罩^XZ~JR_\\["]引号\\["]"');
  });

  it('says clearly, in Chinese, that nobody listens on that port', async () => {
    printer = fakePrinter();
    const port = await printer.listen();
    await printer.close();
    printer = null;
    const error = await sendRaw('127.0.0.1', port, Buffer.from('^XA^XZ')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect((error as PrinterError).code).toBe('refused');
    expect((error as PrinterError).message).toBe(`标签打印机 127.0.0.1:${port} 拒绝连接，请检查地址和端口（一般为 9100）`);
  });

  it('gives up after the timeout when the printer takes nothing (its buffer full), and says so', async () => {
    printer = fakePrinter({ pauseOnConnect: true });
    const port = await printer.listen();
    // Far more than the loopback socket buffers hold, so the write cannot complete.
    const started = Date.now();
    const error = await sendRaw('127.0.0.1', port, Buffer.alloc(64 * 1024 * 1024, 0x20), { timeoutMs: 400, locale: 'en' }).catch((e: unknown) => e);
    expect((error as PrinterError).code).toBe('timeout');
    expect((error as PrinterError).message).toContain(`Label printer 127.0.0.1:${port} did not answer within 0.4 s`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('is done once the job is out, even with a printer that never closes its end', async () => {
    printer = fakePrinter({ neverClose: true });
    const port = await printer.listen();
    await sendRaw('127.0.0.1', port, Buffer.from('^XA^FDx^FS^XZ'), { timeoutMs: 300 });
    expect((await printer.job).toString()).toBe('^XA^FDx^FS^XZ');
  });
});
