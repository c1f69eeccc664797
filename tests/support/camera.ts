import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js/generic';

/**
 * A camera for Chromium that sees one barcode: the symbol drawn by bwip-js (the same library the
 * labels use), black on white in a 640×480 frame, written as a Y4M video that Chromium plays as its
 * camera (--use-file-for-fake-video-capture). Nothing in the page is faked: it opens the camera
 * with getUserMedia and reads what the camera shows.
 */
export function barcodeCamera(path: string, bcid: string, text: string, { width = 640, height = 480, module = 12 } = {}): string[] {
  const [symbol] = bwipjs.raw({ bcid, text }) as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  if (!symbol) throw new Error(`bwip-js drew no ${bcid}`);
  const y = Buffer.alloc(width * height, 255);
  const left = Math.floor((width - symbol.pixx * module) / 2);
  const top = Math.floor((height - symbol.pixy * module) / 2);
  for (let row = 0; row < symbol.pixy; row++) {
    for (let col = 0; col < symbol.pixx; col++) {
      if (!symbol.pixs[row * symbol.pixx + col]) continue;
      for (let dy = 0; dy < module; dy++) y.fill(0, (top + row * module + dy) * width + left + col * module, (top + row * module + dy) * width + left + (col + 1) * module);
    }
  }
  // 4:2:0, no colour: both chroma planes at the middle.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`];
}
