import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMMUNE_FILE,
  PLAN_FILE,
  REPORT_FILE,
  SEED_FILES,
  SEED_MANIFEST,
  VENDORED_SEEDS_DIR,
  readLines,
  readSeedManifest,
  resolveSeedsDir,
  seedsAvailable,
  sha256,
  unixText,
} from "../../scripts/derive/common.js";

const manifest = readSeedManifest(VENDORED_SEEDS_DIR);

describe("vendored seed excerpts (data/seeds)", () => {
  it("are what the derivations read by default", () => {
    if (!process.env.SEEDS_DIR) expect(resolveSeedsDir()).toBe(VENDORED_SEEDS_DIR);
    expect(seedsAvailable(VENDORED_SEEDS_DIR)).toBe(true);
  });

  it("the manifest lists every seed file, with ranges in order, inside the original, and hashes that match", () => {
    expect(manifest).not.toBeNull();
    expect(manifest!.files.map((f) => f.file).sort()).toEqual([...SEED_FILES].sort());
    for (const f of manifest!.files) {
      expect(f.sha256, f.file).toMatch(/^[0-9a-f]{64}$/);
      expect(f.lineCount, f.file).toBeGreaterThan(0);
      let prevTo = 0;
      for (const e of f.excerpts) {
        expect(e.from, e.path).toBeGreaterThan(prevTo);
        expect(e.to, e.path).toBeGreaterThanOrEqual(e.from);
        expect(e.to, e.path).toBeLessThanOrEqual(f.lineCount);
        expect(e.reason.trim(), e.path).not.toBe("");
        const text = unixText(fs.readFileSync(path.join(VENDORED_SEEDS_DIR, e.path), "utf8"));
        expect(sha256(text), e.path).toBe(e.sha256);
        expect(text.split("\n").length - 1, e.path).toBe(e.to - e.from + 1);
        prevTo = e.to;
      }
    }
  });

  it("readLines rebuilds the original numbering (line n = element n-1)", () => {
    const plan = readLines(VENDORED_SEEDS_DIR, PLAN_FILE);
    expect(plan).toHaveLength(manifest!.files.find((f) => f.file === PLAN_FILE)!.lineCount);
    expect(plan[631 - 1]).toBe("STT\tTên nhiệm vụ\tCơ quan chủ trì tham mưu\tCơ quan phối hợp\tKết quả\tThời gian hoàn thành");
    expect(plan[825 - 1]).toMatch(/^STT\tTên nhiệm vụ\tBộ, ngành chủ trì\tĐơn vị của tỉnh chủ trì phối hợp/);
    expect(plan[100 - 1]).toBe(""); // outside every excerpt
    expect(readLines(VENDORED_SEEDS_DIR, REPORT_FILE)[2831 - 1]!.trim()).toBe("Phụ lục II.");
    expect(readLines(VENDORED_SEEDS_DIR, COMMUNE_FILE)[404 - 1]).toMatch(/Phụ lục 1:/);
  });

  it("refuses an excerpt edited by hand, and a folder without the seed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ct-seeds-"));
    try {
      for (const f of fs.readdirSync(VENDORED_SEEDS_DIR)) fs.copyFileSync(path.join(VENDORED_SEEDS_DIR, f), path.join(dir, f));
      const e = manifest!.files.find((f) => f.file === PLAN_FILE)!.excerpts.at(-1)!;
      const p = path.join(dir, e.path);
      fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace("Tháng 9/2025", "Tháng 10/2025"));
      expect(() => readLines(dir, PLAN_FILE)).toThrow(/mã băm/);
      fs.rmSync(path.join(dir, SEED_MANIFEST));
      expect(seedsAvailable(dir)).toBe(false);
      expect(() => readLines(dir, PLAN_FILE)).toThrow(/Không có tệp nguồn/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
