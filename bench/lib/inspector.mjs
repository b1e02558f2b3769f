/* global WebSocket */
// CPU time and heap of ONE worker request, measured inside workerd through the V8 inspector that `wrangler dev` exposes
// (--inspector-port, the DevTools protocol). Used by bench/export.mjs.
//
// CPU: the V8 sampling profiler runs only while one request is in flight (Profiler.start before the request,
// Profiler.stop after its body is read); the request's CPU time is the sum of the sample intervals that were NOT
// "(idle)". workerd marks the isolate idle while it waits on I/O (D1 answers, the socket), so waiting on D1 is not
// counted, but everything our isolate does is: our code, JSON-parsing D1's answers (D1's client runs in the isolate, as
// in production), garbage collection, writing the response. SQLite's own work (local D1 runs in another isolate of the
// same process) is not: in production it runs on D1's machines and is not billed as the Worker's CPU. The sampler adds a
// little (a request of 23 ms of busy loop measured by performance.now() inside the worker read 24–34 ms at 250–1000 µs
// sampling): read the figures as slight over-estimates.
//
// Memory: a full garbage collection first (HeapProfiler.collectGarbage), so what earlier requests left does not count;
// then Runtime.getHeapUsage (usedSize: the V8 heap in use, garbage not yet collected included; backingStorageSize:
// ArrayBuffers) polled every few milliseconds while the request is in flight (the inspector answers between JavaScript
// turns, i.e. at every await) and once right after it. The figure printed is the largest usedSize + ArrayBuffers seen.
// Garbage counts until V8 collects it, so this is above the live peak at the moments it sees; a peak inside one long
// synchronous stretch is seen afterwards, as garbage not yet collected, unless a collection ran meanwhile. A Worker's
// 128 MB limit is on its isolate's memory, which is what this looks at.
//
// CPU samples: the profiler's time delta of a sample is capped (CAP_MS): local D1 runs in another isolate on the same
// thread, and while it answers the profiler takes no sample of ours; without the cap that whole gap was counted to the
// first sample after it (seen: the same request measured 45 or 283 ms at random).
//
// wrangler's inspector proxy accepts only local Origins; Node 20 needs --experimental-websocket (Node 22 has WebSocket).

const INTERVAL_US = 250;
const CAP_MS = (4 * INTERVAL_US) / 1000;

export async function connectInspector(port) {
  if (typeof WebSocket === "undefined") throw new Error("WebSocket missing: run node with --experimental-websocket (Node 20)");
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: "http://127.0.0.1" } });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data));
    if (m.id && pending.has(m.id)) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p.reject(new Error(`${p.method}: ${JSON.stringify(m.error)}`));
      else p.resolve(m.result);
    }
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`inspector on port ${port}: no connection`));
  });
  // An answer that never comes (the isolate restarted, the proxy dropped the socket) fails the bench instead of hanging it.
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      const timer = setTimeout(() => {
        pending.delete(i);
        reject(new Error(`inspector: no answer to ${method} in 60 s`));
      }, 60_000);
      const done = (f) => (x) => {
        clearTimeout(timer);
        f(x);
      };
      pending.set(i, { resolve: done(resolve), reject: done(reject), method });
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: INTERVAL_US });

  const heap = async () => {
    const h = await send("Runtime.getHeapUsage");
    return { used: h.usedSize + (h.backingStorageSize ?? 0), committed: h.totalSize + (h.backingStorageSize ?? 0) };
  };

  /**
   * A full garbage collection of the worker's isolate. workerd handles the message when the isolate next runs, so
   * `poke` (a cheap request) wakes it.
   */
  async function collectGarbage(poke) {
    // A poke can finish before workerd has picked up the message; poke until the collection has answered.
    let answered = false;
    const gc = send("HeapProfiler.collectGarbage").finally(() => (answered = true));
    while (!answered) {
      await poke();
      await Promise.race([gc.catch(() => undefined), new Promise((r) => setTimeout(r, 50))]);
    }
    await gc;
  }

  /**
   * Runs `fn` (one HTTP request, body read) and returns its result with the isolate's CPU ms and heap high-water.
   * `poke`: a cheap request, to collect garbage before (so the figure is this request's, not what earlier ones left).
   */
  async function measure(fn, { pollHeap = true, poke = null } = {}) {
    if (poke) await collectGarbage(poke);
    const before = await heap();
    await send("Profiler.start");
    let done = !pollHeap;
    let peak = before.used;
    const poll = (async () => {
      while (!done) {
        const h = await heap().catch(() => null);
        if (h) peak = Math.max(peak, h.used);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const t0 = performance.now();
    let result;
    try {
      result = await fn();
    } finally {
      done = true;
    }
    const wall = performance.now() - t0;
    await poll;
    const after = await heap();
    peak = Math.max(peak, after.used);
    const { profile } = await send("Profiler.stop");
    const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
    const gcNodes = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(garbage collector)").map((n) => n.id));
    const programNodes = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(program)").map((n) => n.id));
    let cpu = 0;
    let gc = 0;
    let program = 0;
    profile.samples.forEach((s, i) => {
      // A sample stands for at most CAP_MS: a longer gap since the previous sample means the thread was running another
      // isolate (local D1 answering) or was preempted, and the profiler could not sample ours.
      const d = Math.min(CAP_MS, (profile.timeDeltas[i] ?? 0) / 1000);
      if (!idle.has(s)) cpu += d;
      if (gcNodes.has(s)) gc += d;
      if (programNodes.has(s)) program += d;
    });
    return { result, wall, cpu, gc, program, heapBefore: before.used, heapPeak: peak, heapUsedAfter: after.used };
  }

  /** The self time per function of the busiest functions during `fn` (for finding where time goes). */
  async function profileTop(fn, n = 25) {
    await send("Profiler.start");
    await fn();
    const { profile } = await send("Profiler.stop");
    const self = new Map();
    const byId = new Map(profile.nodes.map((x) => [x.id, x]));
    profile.samples.forEach((s, i) => {
      const node = byId.get(s);
      const f = node.callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  }

  return { measure, profileTop, heap, close: () => ws.close() };
}
