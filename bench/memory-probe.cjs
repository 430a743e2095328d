// Preloaded into the bench's Gatepost server (node --require, with --expose-gc): on SIGUSR2 it
// writes where the process's memory is (process.memoryUsage(), V8 heap statistics) as JSON to
// BENCH_MEMORY_PROBE_FILE, once as found and once after a full garbage collection, so that the
// report can tell live data from garbage not yet collected, and the JS heap from Buffers.
// Nothing else: the server never sees it.
"use strict";
const fs = require("node:fs");
const v8 = require("node:v8");

const file = process.env.BENCH_MEMORY_PROBE_FILE;
const MB = 1024 * 1024;

function snapshot() {
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  return {
    rss: m.rss / MB,
    heapTotal: m.heapTotal / MB,
    heapUsed: m.heapUsed / MB,
    external: m.external / MB,
    arrayBuffers: m.arrayBuffers / MB,
    mallocedMemory: h.malloced_memory / MB,
  };
}

if (file) {
  process.on("SIGUSR2", () => {
    const found = snapshot();
    let collected = null;
    if (typeof global.gc === "function") {
      global.gc();
      collected = snapshot();
    }
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), found, collected }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
