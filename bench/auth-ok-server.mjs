// The trivial auth server of the nginx cases: answers every request 200 with an empty body and the
// headers Gatepost admits with (Cf-Access-Jwt-Assertion, Cf-Access-Client-Id, Set-Cookie), each of
// a real one's size, so that nginx's auth_request_set and the headers passed on cost what they
// cost with Gatepost. The floor of nginx auth_request on this machine. Started by
// bench/processes.ts as its own process, on the port in argv[2].
import http from "node:http";

const jwt = `eyJhbGciOiJSUzI1NiIsImtpZCI6IjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwidHlwIjoiSldUIn0.${"x".repeat(460)}.${"y".repeat(342)}`;
const headers = {
  "cf-access-jwt-assertion": jwt,
  "cf-access-client-id": `${"0".repeat(32)}.access`,
  "set-cookie": `CF_Authorization=${jwt}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`,
  "content-length": 0,
};
const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end();
});
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGINT", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
