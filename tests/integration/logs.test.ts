import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv, runChild } from "../harness/processes";
import { sharedDatabaseUrl } from "../helpers/db";

// README › Configuration (LOG_LEVEL): never a client secret, API token or password in any log line. The lifecycle runs in a
// child process so that every byte the app's pino logger writes (stdout) and anything else
// (stderr) is captured, at the most verbose level.

describe("logs", () => {
  it("carry no client secret, API token, password or webhook secret through a whole lifecycle", { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gp-logs-"));
    const outFile = path.join(dir, "values.json");
    try {
      const result = await runChild(
        path.join(process.cwd(), "node_modules", ".bin", "tsx"),
        ["--tsconfig", "tsconfig.node.json", "tests/helpers/log-lifecycle.ts", outFile],
        childEnv({ DATABASE_URL: sharedDatabaseUrl(), LOG_LEVEL: "trace" }),
      );
      expect(result.code, result.stderr).toBe(0);
      const values = JSON.parse(await readFile(outFile, "utf8")) as { secrets: string[]; apiTokens: string[]; passwords: string[]; webhookSecrets: string[] };
      expect(values.secrets).toHaveLength(4);
      expect(values.apiTokens).toHaveLength(1);
      expect(values.passwords).toHaveLength(2);

      // The capture really saw the logger: JSON lines, including the sign-in events.
      const lines = result.stdout.split("\n").filter(Boolean);
      const records = lines.map((line) => JSON.parse(line) as { msg?: string; service?: string });
      const messages = records.map((r) => r.msg);
      expect(messages).toEqual(expect.arrayContaining(["signed in", "sign-in failed", "sign-in rate limited", "redaction check"]));
      expect(records.every((r) => r.service === "gatepost")).toBe(true);

      const everything = result.stdout + result.stderr;
      for (const value of [...values.secrets, ...values.apiTokens, ...values.passwords, ...values.webhookSecrets]) {
        expect(everything.includes(value), `a logged value leaked: ${value.slice(0, 6)}…`).toBe(false);
      }
      expect(records.find((r) => r.msg === "redaction check")).toMatchObject({
        clientSecret: "[redacted]",
        password: "[redacted]",
        token: "[redacted]",
        secret: "[redacted]",
        headers: { "cf-webhook-auth": "[redacted]" },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
