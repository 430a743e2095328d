// `npm run bench`: the Service Tokens page, its data query and the REST API at 100,000 tokens,
// against a bare node:http baseline measured in the same run. Results on stdout (markdown) and in
// bench/results/latest.md; progress on stderr.

import { setEnv } from "../lib/env";

// Set before the application's modules load: their logger reads these once, at import.
setEnv({ LOG_LEVEL: "warn", LOG_DESTINATION: "stderr", DATABASE_URL: undefined });

void (async () => {
  try {
    const { main } = await import("./main");
    await main();
    process.exit(0);
  } catch (err) {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
})();
