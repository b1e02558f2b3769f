/**
 * `npm run catalog`: derive shared/catalog/catalog.json, shared/forms/forms.json and shared/tasks/tasks.json from the seeds
 * (SEEDS_DIR, default the vendored excerpts in data/seeds). The derivation lives in scripts/derive/*;
 * this CLI only writes the files (tests re-run the derivation to catch a stale JSON).
 */
import fs from "node:fs";
import path from "node:path";
import { deriveCatalog } from "./derive/catalog.js";
import { REPO_ROOT, resolveSeedsDir, seedsAvailable, toJsonText } from "./derive/common.js";
import { deriveForms } from "./derive/forms.js";
import { deriveTasks } from "./derive/tasks.js";

const seedsDir = resolveSeedsDir();
if (!seedsAvailable(seedsDir)) {
  console.error(`Không tìm thấy các tệp nguồn trong ${seedsDir} (đặt SEEDS_DIR nếu để chỗ khác).`);
  process.exit(1);
}
const catalog = deriveCatalog(seedsDir);
const taskCatalog = deriveTasks(seedsDir);
const forms = deriveForms(seedsDir, catalog, undefined, taskCatalog);

const write = (rel: string, data: unknown) => {
  const file = path.join(REPO_ROOT, rel);
  fs.writeFileSync(file, toJsonText(data));
  console.log(`Đã ghi ${rel}`);
};
write("shared/catalog/catalog.json", catalog);
write("shared/forms/forms.json", forms);
write("shared/tasks/tasks.json", taskCatalog);

const doubts = catalog.indicators.reduce((n, i) => n + i.doubts.length, 0);
console.log(
  `${catalog.indicators.length} chỉ tiêu, ${doubts} nghi vấn, ${catalog.missing.length} dòng thiếu, ` +
    `${catalog.crossCheck.length} khác biệt với Phụ lục V; ${forms.forms.length} biểu mẫu; version ${catalog.version.slice(0, 12)}`,
);
const taskDoubts = taskCatalog.tasks.reduce((n, t) => n + t.doubts.length, 0);
console.log(
  `${taskCatalog.tasks.length} nhiệm vụ (${taskCatalog.appendices.map((a) => `Phụ lục ${a.code}: ${a.count}`).join(", ")}), ` +
    `${taskCatalog.tasks.filter((t) => t.doubts.length).length} có nghi vấn (${taskDoubts} nghi vấn), ` +
    `${taskCatalog.agencies.length} cơ quan; version ${taskCatalog.version.slice(0, 12)}`,
);
