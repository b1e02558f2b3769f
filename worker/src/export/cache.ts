// Built exports (the merged JSON, CSV, .xlsx), kept in the isolate's memory and keyed by the dataset's revision
// (migrations/0006: a number every write to what an export reads bumps, in the same transaction). A repeated download
// costs one small D1 read and a lookup; any push, review, lock, period, registry or target change makes the next request
// rebuild. The key also holds the Vietnam date, because the task report's "Chậm tiến độ" and days late change at
// midnight without any write.
//
// Why memory and not the Cache API: an entry is only as fresh as its revision, and the revision lives in D1; an isolate
// checks it on every request anyway. Memory is bounded (BUDGET_BYTES, least recently used out first), so a Worker's
// 128 MB are never at risk from the cache; a very large export (above MAX_KEPT_BYTES) is served but not kept.
import { vnDate } from "../../../shared/time.js";
import { byteLength, concatBytes } from "../bytes.js";
import { datasetRevision } from "../store/submissions.js";

/**
 * An export too large to keep (above MAX_KEPT_BYTES), made as the response is sent: `pull` gives the next UTF-8
 * piece, null at the end. Nothing of it is kept, and each request makes its own.
 */
export class Streamed {
  constructor(readonly pull: () => Promise<Uint8Array | null>) {}
}

/** What a build gives: text, bytes, UTF-8 pieces (written a page at a time: export/merged.ts), or a stream. */
export type Body = string | Uint8Array | Uint8Array[] | Streamed;

// Kept as UTF-8 bytes, which the response needs anyway: a JavaScript string of Vietnamese text takes two bytes per
// character, its UTF-8 a little over one (the 800-unit CSV: 7 MB of UTF-8).
const BUDGET_BYTES = 32 * 2 ** 20;
/** The largest export kept in memory; larger ones are served but not kept, and may be streamed (export/merged.ts). */
export const MAX_KEPT_BYTES = 16 * 2 ** 20;
const encoder = new TextEncoder();

/** Entries in least-recently-used order (a Map iterates in insertion order; a hit re-inserts). */
const entries = new Map<string, { body: Uint8Array; bytes: number }>();
let used = 0;
/** The stamp and day of the entries held. */
let current = "";
/** Builds in flight, so two downloads of the same export at the same moment build it once. */
const building = new Map<string, Promise<Built>>();
type Built = Uint8Array | Uint8Array[] | Streamed;

/** Keeps a body of at most MAX_KEPT_BYTES (join decides), freeing the least recently used to stay in the budget. */
function keep(key: string, body: Uint8Array) {
  const bytes = body.byteLength;
  const old = entries.get(key);
  if (old) {
    entries.delete(key);
    used -= old.bytes;
  }
  for (const [k, e] of entries) {
    if (used + bytes <= BUDGET_BYTES) break;
    entries.delete(k);
    used -= e.bytes;
  }
  entries.set(key, { body, bytes });
  used += bytes;
}

export interface Cached {
  /** One buffer, the pieces of an export too large to keep, or a stream made as it is sent (see responseBody). */
  body: Built;
  /** True when the body came from memory. */
  hit: boolean;
  revision: number;
  /** The stamp the export was made at (a stream checks it again at its end). */
  stamp: string;
}

/**
 * The export named by `what` (variant and query) at the dataset's current stamp: from memory, or built by `build`
 * and kept. Entries of an older stamp are never served; they are freed when a newer stamp is first seen.
 */
export async function cachedExport(db: D1Database, what: string, build: () => Promise<Body>): Promise<Cached> {
  const { revision, stamp } = await datasetRevision(db);
  const generation = `${stamp}\u0000${vnDate()}`;
  if (generation !== current) {
    // Entries of another stamp or day can never be asked for again: free them now, so the memory a build needs is
    // not shared with dead entries (the 800-unit build peaked 30 MiB higher while they waited to age out).
    entries.clear();
    used = 0;
    current = generation;
  }
  const key = `${generation}\u0000${what}`;
  const found = entries.get(key);
  if (found) {
    entries.delete(key);
    entries.set(key, found);
    return { body: found.body, hit: true, revision, stamp };
  }
  let pending = building.get(key);
  let mine = false;
  if (!pending) {
    mine = true;
    pending = consistentBuild(db, stamp, build).then(({ body, consistent }) => {
      if (!consistent || body instanceof Streamed) return body;
      const one = join(body);
      if (one) keep(key, one);
      return one ?? body;
    });
    building.set(key, pending);
    const forget = () => building.delete(key);
    pending.then(forget, forget);
  }
  let body = await pending;
  // A stream is read once: a download that joined another's build makes its own.
  if (body instanceof Streamed && !mine) body = bytesOf(await build());
  return { body, hit: false, revision, stamp };
}

/**
 * A build that saw one state of the data. The merge reads a large table in pages (merge.ts PAGE_CELLS); a push landing
 * between two pages would mix two states in one file. Every write changes the stamp in its own transaction, so the
 * same stamp before and after means no write landed during the build. Otherwise build once more; if that too is
 * overtaken, serve it (it is at most as old as the request) but keep nothing. A stream is checked at its end
 * (responseBody).
 */
async function consistentBuild(db: D1Database, stamp: string, build: () => Promise<Body>): Promise<{ body: Built; consistent: boolean }> {
  const first = bytesOf(await build());
  if (first instanceof Streamed) return { body: first, consistent: true };
  const after = (await datasetRevision(db)).stamp;
  if (after === stamp) return { body: first, consistent: true };
  const second = bytesOf(await build());
  return { body: second, consistent: false };
}

const bytesOf = (b: Body): Built => (typeof b === "string" ? encoder.encode(b) : b);

/** The pieces as one buffer when small enough to keep; null when too large (they are streamed, never joined). */
function join(body: Uint8Array | Uint8Array[]): Uint8Array | null {
  if (!Array.isArray(body)) return body.byteLength <= MAX_KEPT_BYTES ? body : null;
  if (byteLength(body) > MAX_KEPT_BYTES) return null;
  return body.length === 1 ? body[0]! : concatBytes(body);
}

/**
 * A response body for what cachedExport gave: the buffer, or a stream of the pieces. A Streamed export reads the stamp
 * again after its last piece; if a write landed while it was sent, the stream ends in an error instead of completing,
 * so the download fails visibly (and can be asked again) rather than leaving a file that mixes two states.
 */
export function responseBody(db: D1Database, x: Cached): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> {
  const body = x.body;
  if (body instanceof Streamed) {
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const piece = await body.pull();
          if (piece) return controller.enqueue(piece);
          if ((await datasetRevision(db)).stamp !== x.stamp) throw new Error("export overtaken by a write; ask again");
          controller.close();
        } catch (e) {
          controller.error(e);
        }
      },
    });
  }
  if (!Array.isArray(body)) return body as Uint8Array<ArrayBuffer>;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const p = body[i++];
      if (p) controller.enqueue(p);
      else controller.close();
    },
  });
}
