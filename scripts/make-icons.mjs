// Draws the add-in icons (a teal rounded square with a white "CT") as PNGs, with node:zlib only:
//   node scripts/make-icons.mjs   → addin/public/assets/icon-{16,32,64,80}.png  (Vite copies them to dist/addin/assets)
// The ribbon needs 16/32/80; IconUrl uses 32 and HighResolutionIconUrl 64. Output is deterministic.
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "addin/public/assets");
export const SIZES = [16, 32, 64, 80];

const BG = [15, 110, 86]; // #0F6E56
const FG = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA rows → PNG bytes (colour type 6, filter 0 on every row). */
export function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1, y down).
function inRoundedSquare(x, y, r = 0.18) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0 && x <= 1 && y >= 0 && y <= 1;
}

function inC(x, y) {
  const cx = 0.33;
  const cy = 0.5;
  const d = Math.hypot(x - cx, y - cy);
  if (d > 0.21 || d < 0.125) return false;
  const angle = Math.atan2(y - cy, x - cx); // 0 = pointing right
  return Math.abs(angle) > Math.PI / 4;
}

function inT(x, y) {
  const bar = x >= 0.53 && x <= 0.87 && y >= 0.29 && y <= 0.38;
  const stem = x >= 0.655 && x <= 0.745 && y >= 0.29 && y <= 0.71;
  return bar || stem;
}

export function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4; // 4×4 supersampling
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (!inRoundedSquare(x, y)) continue;
          if (inC(x, y) || inT(x, y)) fg++;
          else bg++;
        }
      }
      const total = ss * ss;
      const alpha = (bg + fg) / total;
      const i = (py * size + px) * 4;
      if (alpha === 0) continue;
      const f = fg / (bg + fg);
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BG[c] * (1 - f) + FG[c] * f);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, rgba);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`Đã vẽ ${path.relative(root, file)}`);
  }
}
