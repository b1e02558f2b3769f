// Generates the custom functions metadata (functions.json) from the JSDoc in addin/functions/functions.ts
// with custom-functions-metadata's generateCustomFunctionsMetadata (the API behind its CLI; the CLI itself
// only logs parse errors and exits 0, so we call the API and fail properly).
//
//   node scripts/gen-functions-json.mjs            write dist/addin/functions.json + the committed copy
//                                                  addin/functions/functions.generated.json
//   node scripts/gen-functions-json.mjs --check    regenerate in memory and compare with the committed copy;
//                                                  exit 1 with the differences if they drift (CI)
//   --out <file>                                   another output path instead of dist/addin/functions.json
//   --check --against <file>                       compare with another file (tests)
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

export const SOURCE = path.join(root, "addin/functions/functions.ts");
export const COMMITTED = path.join(root, "addin/functions/functions.generated.json");
export const DIST = path.join(root, "dist/addin/functions.json");

/** English id → Vietnamese alias id. Both must exist; the check below enforces it. */
export const ALIASES = {
  TARGET: "MUCTIEU",
  TARGETTEXT: "MUCTIEUGOC",
  BASELINE: "HIENTRANG",
  NAME: "TEN",
  UNIT: "DONVI",
  AGENCY: "COQUAN",
  ASSESS: "DANHGIA",
  PROGRESS: "TIENDO",
  ACTUAL: "THUCHIEN",
  TASKSTATUS: "TRANGTHAI",
};

/** Runs the generator; returns { json (pretty text), metadata (object) } or throws with every error. */
export async function generate(source = SOURCE) {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(source);
  if (result.errors.length > 0) {
    throw new Error(`custom-functions-metadata: ${result.errors.length} lỗi trong ${source}:\n  ${result.errors.join("\n  ")}`);
  }
  if (!result.metadataJson) throw new Error(`custom-functions-metadata: không tìm thấy @customfunction nào trong ${source}`);
  const metadata = JSON.parse(result.metadataJson);
  const problems = lint(metadata);
  if (problems.length > 0) throw new Error(`functions.json không hợp lệ:\n  ${problems.join("\n  ")}`);
  return { metadata, json: JSON.stringify(metadata, null, 2) + "\n" };
}

/** Our own rules on top of the generator's: unique ids, every English function has its Vietnamese twin. */
export function lint(metadata) {
  const problems = [];
  const ids = metadata.functions.map((f) => f.id);
  const seen = new Set();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`id trùng: ${id}`);
    seen.add(id);
  }
  for (const [en, vi] of Object.entries(ALIASES)) {
    const a = metadata.functions.find((f) => f.id === en);
    const b = metadata.functions.find((f) => f.id === vi);
    if (!a) problems.push(`thiếu hàm ${en}`);
    if (!b) problems.push(`thiếu hàm ${vi} (tên tiếng Việt của ${en})`);
    if (a && b) {
      const shape = (f) => f.parameters.map((p) => `${p.type}${p.optional ? "?" : ""}`).join(",");
      if (shape(a) !== shape(b)) problems.push(`${en} và ${vi} khác tham số: (${shape(a)}) ≠ (${shape(b)})`);
    }
  }
  const known = new Set([...Object.keys(ALIASES), ...Object.values(ALIASES)]);
  for (const id of ids) if (!known.has(id)) problems.push(`hàm ${id} chưa có trong bảng ALIASES của scripts/gen-functions-json.mjs`);
  return problems;
}

/** Human-readable differences between two metadata objects (by function id). */
export function diff(expected, actual) {
  const out = [];
  const byId = (m) => new Map((m?.functions ?? []).map((f) => [f.id, f]));
  const e = byId(expected);
  const a = byId(actual);
  for (const id of e.keys()) if (!a.has(id)) out.push(`- ${id} có trong mã nguồn nhưng không có trong bản đã commit`);
  for (const id of a.keys()) if (!e.has(id)) out.push(`- ${id} có trong bản đã commit nhưng không còn trong mã nguồn`);
  for (const [id, f] of e) {
    const g = a.get(id);
    if (g && JSON.stringify(f) !== JSON.stringify(g)) out.push(`- ${id} khác nhau`);
  }
  if (out.length === 0 && JSON.stringify(expected) !== JSON.stringify(actual)) out.push("- khác ở phần ngoài danh sách hàm");
  return out;
}

async function main(argv) {
  const check = argv.includes("--check");
  const outIdx = argv.indexOf("--out");
  const out = outIdx >= 0 ? path.resolve(argv[outIdx + 1] ?? "") : DIST;
  const { metadata, json } = await generate();
  const againstIdx = argv.indexOf("--against");
  const committedFile = againstIdx >= 0 ? path.resolve(argv[againstIdx + 1] ?? "") : COMMITTED;
  if (check) {
    if (!existsSync(committedFile)) {
      console.error(`Thiếu ${path.relative(root, committedFile)}. Chạy: node scripts/gen-functions-json.mjs`);
      return 1;
    }
    let committed;
    try {
      committed = JSON.parse(readFileSync(committedFile, "utf8"));
    } catch (e) {
      console.error(`${path.relative(root, committedFile)} không phải JSON hợp lệ: ${e instanceof Error ? e.message : e}`);
      return 1;
    }
    const d = diff(metadata, committed);
    if (d.length > 0) {
      console.error(
        `functions.json lệch với mã nguồn (${path.relative(root, SOURCE)} đã đổi mà chưa sinh lại):\n${d.join("\n")}\n` +
          "Chạy: node scripts/gen-functions-json.mjs  rồi commit addin/functions/functions.generated.json " +
          "(và tăng <Version> của manifest nếu tên/tham số hàm đổi: Excel giữ functions.json cũ tới 24 giờ).",
      );
      return 1;
    }
    console.log(`functions.json khớp mã nguồn (${metadata.functions.length} hàm).`);
    return 0;
  }
  writeFileSync(COMMITTED, json);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, json);
  console.log(
    `Đã sinh ${path.relative(root, out)} và ${path.relative(root, COMMITTED)} (${metadata.functions.length} hàm).`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
