import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, DeliveryInterrupted, backoffMs, withRetries } from "./retry";

describe("backoffMs", () => {
  it("doubles from 1 s: 5 attempts over 15 s of waiting", () => {
    expect(DEFAULT_RETRY.attempts).toBeGreaterThanOrEqual(5);
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000]);
  });
});

describe("withRetries", () => {
  const policy = { attempts: 5, baseMs: 1 };

  it("stops at the first success, recording every attempt", async () => {
    const outcomes = ["HTTP 500", "HTTP 500", "HTTP 200"];
    const seen: boolean[] = [];
    const r = await withRetries(async () => {
      const outcome = outcomes.shift()!;
      return { ok: outcome === "HTTP 200", outcome };
    }, { policy, signal: new AbortController().signal, onAttempt: async (ok) => void seen.push(ok) });
    expect(r).toMatchObject({ ok: true, error: null });
    expect(r.attempts.map((a) => a.outcome)).toEqual(["HTTP 500", "HTTP 500", "HTTP 200"]);
    expect(seen).toEqual([false, false, true]);
  });

  it("gives up after the last attempt with its outcome as the error", async () => {
    let calls = 0;
    const r = await withRetries(async () => ({ ok: false, outcome: `HTTP 50${calls++}` }), { policy, signal: new AbortController().signal });
    expect(calls).toBe(5);
    expect(r).toMatchObject({ ok: false, error: "HTTP 504" });
  });

  it("ends the wait at once when stopped", async () => {
    const stop = new AbortController();
    const started = Date.now();
    const p = withRetries(async () => ({ ok: false, outcome: "HTTP 500" }), { policy: { attempts: 5, baseMs: 60_000 }, signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    await expect(p).rejects.toBeInstanceOf(DeliveryInterrupted);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
