// The floor of an answer: a bare node:http server that sends one recorded answer (status, headers
// and body, as Gatepost gave them to a probe) to every request, with no logic at all. What
// node:http itself costs for answers of that size on this machine. With argv[4], it first spins
// that many microseconds per request: how throughput falls with a little work added. Started by
// bench/processes.ts as its own process: the port in argv[2], the answer's JSON file in argv[3].
import { readFileSync } from "node:fs";
import http from "node:http";

const { status, headers, body } = JSON.parse(readFileSync(process.argv[3], "utf8"));
const spinMs = Number(process.argv[4] ?? 0) / 1000;
const server = http.createServer((req, res) => {
  if (spinMs > 0) for (const until = performance.now() + spinMs; performance.now() < until; );
  res.writeHead(status, headers);
  res.end(body);
});
server.keepAliveTimeout = 75_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGINT", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
