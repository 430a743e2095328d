import { describe, expect, it } from "vitest";
import { daysUntilNextRotation, nextKeyRotationAt } from "./key-schedule";

const DAY = 24 * 3600 * 1000;
const t0 = new Date("2025-03-01T00:00:00Z");

describe("key rotation schedule", () => {
  it("counts whole days up to the next rotation", () => {
    const s = { keyRotationIntervalDays: 42, lastKeyRotationAt: t0 };
    expect(nextKeyRotationAt(s)).toEqual(new Date(t0.getTime() + 42 * DAY));
    expect(daysUntilNextRotation(s, t0)).toBe(42);
    expect(daysUntilNextRotation(s, new Date(t0.getTime() + 1000))).toBe(42);
    expect(daysUntilNextRotation(s, new Date(t0.getTime() + 41.5 * DAY))).toBe(1);
    expect(daysUntilNextRotation(s, new Date(t0.getTime() + 42 * DAY))).toBe(0);
    expect(daysUntilNextRotation(s, new Date(t0.getTime() + 50 * DAY))).toBe(0);
  });

  it("reports the whole interval before the first key", () => {
    const s = { keyRotationIntervalDays: 7, lastKeyRotationAt: null };
    expect(nextKeyRotationAt(s)).toBeNull();
    expect(daysUntilNextRotation(s, t0)).toBe(7);
  });
});
