// The baseline: a bare node:http server returning a small JSON, the floor any HTTP answer on this
// machine stands on. Started by bench/processes.ts as its own process, on the port in argv[2].
import http from "node:http";

const body = JSON.stringify({ success: true, errors: [], messages: [], result: { status: "ok" } });
const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGINT", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
