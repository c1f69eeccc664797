// Draws Depot Desk's icon (a white supply crate with a red cross on the depot's blue) and
// writes build/icon.png (512×512, Linux) and build/icon.ico (16–256, Windows). No image
// tools needed: shapes are rasterised here, PNG is zlib, ICO holds BMPs and one PNG.
// Run: node scripts/make-icon.ts
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type RGBA = [number, number, number, number];
const BLUE: RGBA = [24, 78, 140, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const RED: RGBA = [211, 47, 47, 255];
const SHADE: RGBA = [214, 224, 236, 255];

/** Inside a rounded rectangle given in units of a 1×1 canvas. */
function inRoundRect(x: number, y: number, l: number, t: number, r: number, b: number, radius: number): boolean {
  if (x < l || x > r || y < t || y > b) return false;
  const cx = Math.min(Math.max(x, l + radius), r - radius);
  const cy = Math.min(Math.max(y, t + radius), b - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The colour at a point of the 1×1 canvas, or null for transparent. */
function paint(x: number, y: number): RGBA | null {
  if (!inRoundRect(x, y, 0.03, 0.03, 0.97, 0.97, 0.18)) return null;
  const inCross = (Math.abs(x - 0.5) < 0.06 && y > 0.4 && y < 0.74) || (Math.abs(y - 0.57) < 0.06 && x > 0.33 && x < 0.67);
  if (inCross) return RED;
  // The crate's lid, then its body.
  if (inRoundRect(x, y, 0.17, 0.22, 0.83, 0.33, 0.03)) return WHITE;
  if (inRoundRect(x, y, 0.2, 0.33, 0.8, 0.36, 0)) return SHADE;
  if (inRoundRect(x, y, 0.2, 0.36, 0.8, 0.8, 0.03)) return WHITE;
  return BLUE;
}

/** size×size RGBA pixels, 4×4 supersampled so edges are smooth at 16 px too. */
export function render(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let pxX = 0; pxX < size; pxX++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((pxX + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
        }
      }
      const o = (py * size + pxX) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a); px[o + 1] = Math.round(g / a); px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round(a / (n * n));
      }
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A classic ICO image: BITMAPINFOHEADER, bottom-up BGRA, then the 1-bit AND mask. */
function bmpEntry(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR and AND masks stacked
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = rgba[s + 2]!; pixels[d + 1] = rgba[s + 1]!; pixels[d + 2] = rgba[s]!; pixels[d + 3] = rgba[s + 3]!;
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (rgba[(y * size + x) * 4 + 3] === 0) mask[(size - 1 - y) * maskRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

export function ico(sizes: number[]): Buffer {
  const images = sizes.map((s) => (s >= 256 ? png(s, render(s)) : bmpEntry(s, render(s))));
  const dir = Buffer.alloc(6 + 16 * sizes.length);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(sizes.length, 4);
  let offset = dir.length;
  sizes.forEach((s, i) => {
    const e = 6 + i * 16;
    dir[e] = s >= 256 ? 0 : s;
    dir[e + 1] = s >= 256 ? 0 : s;
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(images[i]!.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([dir, ...images]);
}

if (import.meta.main) {
  const out = fileURLToPath(new URL('../build/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'icon.png'), png(512, render(512)));
  writeFileSync(join(out, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
  console.log(`wrote ${join(out, 'icon.png')} and icon.ico`);
}
