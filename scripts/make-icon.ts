/**
 * `node scripts/make-icon.ts`: draws build/icon.png, the app's icon (electron-builder makes the
 * Windows .ico and the macOS .icns from it): a switchboard's panel of jacks on the desk's blue, one
 * lit. Drawn here, from shapes, so it can be redrawn at any size without an image editor.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const BLUE = [31, 95, 191];
const WHITE = [255, 255, 255];
const LIT = [240, 164, 0];

/** The colour and coverage of one point of the icon (x, y in 0..1). */
function paint(x: number, y: number): [number[], number] | null {
  // A rounded square, as every platform's icon grid expects, with a margin.
  const m = 0.06;
  const r = 0.18;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  // Nine jacks on a grid; the middle-right one lit, a cord from it to the bottom-left one.
  const cells = [0.3, 0.5, 0.7];
  for (const [j, gy] of cells.entries())
    for (const [i, gx] of cells.entries()) {
      const d = Math.hypot(x - gx, y - gy);
      if (d < 0.065) return [i === 2 && j === 1 ? LIT : WHITE, 1];
    }
  // The cord: a thick segment from (0.7, 0.5) to (0.3, 0.7).
  const [ax, ay, bx, by] = [0.7, 0.5, 0.3, 0.7];
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) < 0.022) return [LIT, 1];
  return [BLUE, 1];
}

const rows: Buffer[] = [];
const S = 3; // samples per axis, for smooth edges
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < S; sy++)
      for (let sx = 0; sx < S; sx++) {
        const hit = paint((px + (sx + 0.5) / S) / SIZE, (py + (sy + 0.5) / S) / SIZE);
        if (!hit) continue;
        r += hit[0][0]!;
        g += hit[0][1]!;
        b += hit[0][2]!;
        a += 1;
      }
    const o = 1 + px * 4;
    if (a) {
      row[o] = Math.round(r / a);
      row[o + 1] = Math.round(g / a);
      row[o + 2] = Math.round(b / a);
    }
    row[o + 3] = Math.round((a / (S * S)) * 255);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
writeFileSync(
  'build/icon.png',
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log('build/icon.png written');
