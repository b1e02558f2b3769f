/**
 * The vendored seed excerpts (data/seeds) against the original seed files (a manual tool, not a CI test).
 *
 *   npm run seeds:check     compare every excerpt with the originals (SEEDS_ORIGINAL, default ../shared/seeds);
 *                           fails when the originals are absent, changed, or an excerpt differs.
 *   npm run seeds:vendor    (re)write the excerpts listed in data/seeds/manifest.json from the originals and
 *                           refresh the manifest's hashes and line counts. To read more of a seed, add a range
 *                           {from, to, reason} to the manifest (path/sha256 may be left "") and run this.
 */
import fs from "node:fs";
import path from "node:path";
import {
  SEED_MANIFEST,
  VENDORED_SEEDS_DIR,
  type SeedManifest,
  excerptText,
  originalSeedsDir,
  readSeedManifest,
  sha256,
  toJsonText,
  unixText,
} from "./derive/common.js";

const write = process.argv.includes("--write");
const orig = originalSeedsDir();
const manifest: SeedManifest | null = readSeedManifest(VENDORED_SEEDS_DIR);
if (!manifest) {
  console.error(`Không có ${path.join(VENDORED_SEEDS_DIR, SEED_MANIFEST)}.`);
  process.exit(1);
}
if (!fs.existsSync(orig)) {
  console.error(`Không có thư mục tệp nguồn gốc ${orig} (đặt SEEDS_ORIGINAL); không kiểm tra được.`);
  process.exit(1);
}

const excerptName = (file: string, from: number, to: number) =>
  `${file.replace(/\.txt$/, "")}.L${String(from).padStart(4, "0")}-${String(to).padStart(4, "0")}.txt`;

let problems = 0;
const problem = (msg: string) => {
  problems++;
  console.error(`✗ ${msg}`);
};

for (const m of manifest.files) {
  const file = path.join(orig, m.file);
  if (!fs.existsSync(file)) {
    problem(`${m.file}: không có trong ${orig}`);
    continue;
  }
  const text = unixText(fs.readFileSync(file, "utf8"));
  const lines = text.split("\n");
  if (write) {
    m.lineCount = lines.length;
    m.sha256 = sha256(text);
  } else {
    if (m.lineCount !== lines.length) problem(`${m.file}: ${lines.length} dòng, manifest ghi ${m.lineCount}`);
    if (m.sha256 !== sha256(text)) problem(`${m.file}: tệp gốc đã đổi từ khi trích (mã băm khác manifest)`);
  }
  const sorted = [...m.excerpts].sort((a, b) => a.from - b.from);
  sorted.forEach((e, k) => {
    if (e.from < 1 || e.to < e.from || e.to > lines.length) problem(`${m.file}: khoảng ${e.from}-${e.to} không hợp lệ`);
    if (k > 0 && e.from <= sorted[k - 1]!.to) problem(`${m.file}: khoảng ${e.from}-${e.to} chồng lên khoảng trước`);
  });
  for (const e of m.excerpts) {
    const want = excerptText(lines, e.from, e.to);
    if (write) {
      e.path = excerptName(m.file, e.from, e.to);
      e.sha256 = sha256(want);
      fs.writeFileSync(path.join(VENDORED_SEEDS_DIR, e.path), want);
      console.log(`Đã ghi ${e.path} (${e.to - e.from + 1} dòng)`);
      continue;
    }
    const have = path.join(VENDORED_SEEDS_DIR, e.path);
    if (!fs.existsSync(have)) {
      problem(`${e.path}: thiếu tệp trích đoạn`);
      continue;
    }
    const got = unixText(fs.readFileSync(have, "utf8"));
    if (got !== want) problem(`${e.path}: khác dòng ${e.from}-${e.to} của ${m.file}`);
    else if (sha256(got) !== e.sha256) problem(`${e.path}: khớp tệp gốc nhưng mã băm trong manifest đã cũ (chạy npm run seeds:vendor)`);
    else console.log(`✓ ${e.path}: khớp dòng ${e.from}-${e.to} của ${m.file}`);
  }
}

if (write) {
  const keep = new Set([SEED_MANIFEST, "README.md", ...manifest.files.flatMap((m) => m.excerpts.map((e) => e.path))]);
  for (const f of fs.readdirSync(VENDORED_SEEDS_DIR)) {
    if (!keep.has(f)) {
      fs.rmSync(path.join(VENDORED_SEEDS_DIR, f));
      console.log(`Đã xóa ${f} (không còn trong manifest)`);
    }
  }
  fs.writeFileSync(path.join(VENDORED_SEEDS_DIR, SEED_MANIFEST), toJsonText(manifest));
  console.log(`Đã ghi ${SEED_MANIFEST}`);
}
if (problems) {
  console.error(`${problems} vấn đề.`);
  process.exit(1);
}
