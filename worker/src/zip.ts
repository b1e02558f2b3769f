// A .zip of deflated files (what an .xlsx is): fflate's Zip writes the archive, the runtime's own zlib compresses
// (CompressionStream: workerd, browsers, Node ≥ 18). fflate deflates in JavaScript; on a 1.4 MB sheet that
// took 25–84 ms at its fastest level against 13 ms for zlib at its default level, which also writes a smaller file, and
// deflating was most of what an .xlsx export costs once its rows are kept (bench/export.mjs --profile=push).
import { Zip, type ZipInputFile } from "fflate";
import { concatBytes } from "./bytes.js";

/**
 * A file deflated by the runtime, with its CRC-32: compressed as gzip, whose trailer carries the CRC-32 zip needs, so
 * no JavaScript reads the bytes a second time (RFC 1952: a header, the raw deflate stream, CRC-32 and size).
 */
async function deflated(data: Uint8Array<ArrayBuffer>): Promise<{ raw: Uint8Array<ArrayBuffer>; crc: number }> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("gzip"));
  const gz = new Uint8Array(await new Response(stream).arrayBuffer());
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new Error("gzip: unexpected header");
  const flags = gz[3]!;
  let at = 10;
  if (flags & 4) at += 2 + (gz[at]! | (gz[at + 1]! << 8)); // FEXTRA
  if (flags & 8) while (gz[at++] !== 0); // FNAME
  if (flags & 16) while (gz[at++] !== 0); // FCOMMENT
  if (flags & 2) at += 2; // FHCRC
  const end = gz.length - 8;
  const trailer = new DataView(gz.buffer, gz.byteOffset + end, 8);
  if (trailer.getUint32(4, true) !== data.byteLength >>> 0) throw new Error("gzip: size in the trailer differs");
  return { raw: gz.subarray(at, end), crc: trailer.getUint32(0, true) };
}

/** Entries carry a fixed time, so the same files give the same bytes. */
const MTIME = new Date(Date.UTC(2025, 0, 1));

/** The archive of `files` (name → bytes), each deflated, in the order given. */
export async function zipDeflated(files: Record<string, Uint8Array<ArrayBuffer>>): Promise<Uint8Array> {
  const names = Object.keys(files);
  const packed = await Promise.all(names.map((n) => deflated(files[n]!)));
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else chunks.push(chunk);
  });
  names.forEach((filename, i) => {
    const data = files[filename]!;
    const { raw, crc } = packed[i]!;
    const entry: ZipInputFile = { filename, size: data.byteLength, crc, compression: 8, mtime: MTIME };
    zip.add(entry);
    entry.ondata!(null, raw, true);
  });
  zip.end();
  if (failed) throw failed;
  return concatBytes(chunks);
}
