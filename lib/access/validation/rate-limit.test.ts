import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

describe("FailureLimiter", () => {
  it("refuses a key after max failures until its window ends, and says how long to wait", () => {
    const limiter = new FailureLimiter({ max: 3, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("ip", t0 + i)).toBe(0);
      limiter.fail("ip", t0 + i);
    }
    expect(limiter.retryAfter("ip", t0 + 10)).toBe(60);
    expect(limiter.retryAfter("ip", t0 + 30_500)).toBe(30);
    expect(limiter.retryAfter("other", t0 + 10)).toBe(0);
    expect(limiter.retryAfter("ip", t0 + 60_000)).toBe(0);
  });

  it("starts a new window after the old one ends", () => {
    const limiter = new FailureLimiter({ max: 1, windowMs: 1000 });
    limiter.fail("k", 0);
    expect(limiter.retryAfter("k", 500)).toBe(1);
    limiter.fail("k", 1500);
    expect(limiter.retryAfter("k", 1600)).toBe(1);
    expect(limiter.retryAfter("k", 2600)).toBe(0);
  });

  it("keeps at most maxKeys keys (a flood of distinct keys cannot grow memory)", () => {
    const limiter = new FailureLimiter({ max: 1, windowMs: 60_000 }, 100);
    for (let i = 0; i < 10_000; i++) limiter.fail(`key-${i}`, 0);
    expect((limiter as unknown as { windows: { size: number } }).windows.size).toBe(100);
    expect(limiter.retryAfter("key-9999", 1)).toBeGreaterThan(0);
  });
});
