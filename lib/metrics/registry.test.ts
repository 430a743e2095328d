import { describe, expect, it } from "vitest";
import { AccessLogWriter } from "../access/validation/access-log-writer";
import { validations } from "./registry";

// Every decision the access log records is counted once, by outcome and reason.

async function count(outcome: string, reason: string): Promise<number> {
  const { values } = await validations.get();
  return values.find((v) => v.labels.outcome === outcome && v.labels.reason === reason)?.value ?? 0;
}

const attempt = (allowed: boolean, reason: string) => ({
  accountId: "a".repeat(32), allowed, reason, appId: null, appDomain: null, serviceTokenId: null, clientId: null, ipAddress: "10.0.0.7", userAgent: null,
});

describe("gatepost_validations_total", () => {
  it("counts each recorded decision under its outcome and reason, the same reason apart by outcome", async () => {
    const log = new AccessLogWriter();
    const before = { ok: await count("allowed", "ok"), refusedOk: await count("refused", "ok"), invalid: await count("refused", "invalid_credentials") };
    log.record(attempt(true, "ok"));
    log.record(attempt(true, "ok"));
    log.record(attempt(false, "invalid_credentials"));
    expect(await count("allowed", "ok")).toBe(before.ok + 2);
    expect(await count("refused", "invalid_credentials")).toBe(before.invalid + 1);
    expect(await count("refused", "ok")).toBe(before.refusedOk);
  });
});
