// The .xlsx archive (worker/src/zip.ts): deflated by the runtime, each entry's CRC-32 taken from a gzip trailer. Excel
// refuses a file whose CRC or sizes are wrong ("We found a problem with some content"), and readers that skip the
// check would not notice, so the central directory is read here field by field and compared with what fflate's own
// zipSync writes for the same files.
import { describe, expect, it } from "vitest";
import { strToU8, unzipSync, zipSync } from "fflate";
import { zipDeflated } from "../../worker/src/zip.js";

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressed: number;
  size: number;
}

/** The central directory's entries (APPNOTE 4.3.12), found through the end record. */
function centralDirectory(zip: Uint8Array): Entry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && v.getUint32(end, true) !== 0x06054b50) end--;
  expect(end).toBeGreaterThanOrEqual(0);
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(at, true)).toBe(0x02014b50);
    const nameLen = v.getUint16(at + 28, true);
    const extra = v.getUint16(at + 30, true);
    const comment = v.getUint16(at + 32, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLen)),
      method: v.getUint16(at + 10, true),
      crc: v.getUint32(at + 16, true),
      compressed: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
    });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

describe("the .xlsx archive", () => {
  const random = new Uint8Array(300_000);
  for (let i = 0, x = 12345; i < random.length; i++) random[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const files: Record<string, Uint8Array<ArrayBuffer>> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
    "xl/worksheets/sheet1.xml": strToU8("<row><c><is><t>Tỷ lệ phủ sóng 5G trên địa bàn: 62,5%</t></is></c></row>".repeat(20_000)),
    "xl/empty.xml": new Uint8Array(0),
    "xl/media/random.bin": random,
  };

  it("every entry: deflated, with the CRC-32 and sizes fflate computes for the same bytes", async () => {
    const ours = centralDirectory(await zipDeflated(files));
    const theirs = centralDirectory(zipSync(files, { level: 1 }));
    expect(ours.map((e) => e.name)).toEqual(Object.keys(files));
    for (const [i, e] of ours.entries()) {
      expect(e.method).toBe(8);
      expect(e.crc).toBe(theirs[i]!.crc);
      expect(e.size).toBe(theirs[i]!.size);
      expect(e.size).toBe(files[e.name]!.byteLength);
    }
    // The sheet compresses (it is the point), random bytes cannot.
    expect(ours[1]!.compressed).toBeLessThan(ours[1]!.size / 20);
  });

  it("reads back to the same bytes, and the same files give the same archive", async () => {
    const zip = await zipDeflated(files);
    const back = unzipSync(zip);
    const same = (a: Uint8Array | undefined, b: Uint8Array) => !!a && Buffer.from(a).equals(Buffer.from(b));
    for (const [name, bytes] of Object.entries(files)) expect(same(back[name], bytes), name).toBe(true);
    expect(same(await zipDeflated(files), zip)).toBe(true);
  });
});
