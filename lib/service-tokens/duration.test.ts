import { describe, expect, it } from "vitest";
import {
  DURATION_FORMAT_HINT,
  durationProblem,
  EXPIRING_SOON_MS,
  extendedExpiry,
  graceEndProblem,
  initialExpiry,
  MAX_ROTATION_GRACE_MS,
  parseGoDurationNs,
  parseTokenDuration,
  refreshedExpiry,
  tokenStatus,
} from "./duration";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const DAY = 24 * H;
const YEAR = 8760 * H;

const ms = (input: string): number => {
  const d = parseTokenDuration(input);
  if (d.forever) throw new Error(`${input} parsed as forever`);
  return d.ms;
};

describe("parseTokenDuration accepts Go durations between 1s and 876000h", () => {
  it.each([
    ["8760h", 8760 * H],
    ["2h45m", 2 * H + 45 * M],
    ["1.5h", 90 * M],
    ["1500ms", 1500],
    ["1s", S],
    ["876000h", 876_000 * H],
    ["52560000m", 876_000 * H],
    ["17520h", 2 * YEAR],
    ["90m", 90 * M],
    ["3600s", H],
    [".5h", 30 * M],
    ["1h0m0s", H],
    ["1h30m15s500ms", H + 30 * M + 15 * S + 500],
    ["1000000000ns", S],
    ["1000000us", S],
    ["1000000\u00b5s", S], // micro sign, as Go writes it
    ["1000000\u03bcs", S], // Greek small letter mu
    ["999ms1000000ns", S],
    ["1m0.5s", M + 500],
    ["0.5s0.5s", S],
  ])("%s is %d ms", (input, expected) => {
    expect(ms(input)).toBe(expected);
    expect(durationProblem(input)).toBeNull();
  });

  it("accepts forever as non-expiring", () => {
    expect(parseTokenDuration("forever")).toEqual({ forever: true });
    expect(durationProblem("forever")).toBeNull();
  });

  it("combines every unit in one duration", () => {
    expect(parseGoDurationNs("1h1m1s1ms1us1\u00b5s1ns")).toBe(3_661_001_002_001n);
  });
});

describe("parseTokenDuration refuses anything else, naming the accepted format", () => {
  it.each([
    ["300ms", /at least 1s/],
    ["999ms", /at least 1s/],
    ["0s", /at least 1s/],
    ["0", /at least 1s/],
    ["1y", /unknown unit "y"/],
    ["30d", /unknown unit "d"/],
    ["1w", /unknown unit "w"/],
    ["-5h", /signed/],
    ["+5h", /signed/],
    ["abc", /not a valid duration/],
    ["", /empty/],
    ["5", /not a valid duration/],
    ["h", /not a valid duration/],
    [".h", /not a valid duration/],
    ["1H", /not a valid duration/],
    ["1h ", /not a valid duration/],
    [" 1h", /not a valid duration/],
    ["1 h", /not a valid duration/],
    ["1h-1m", /not a valid duration/],
    ["876000h1ns", /at most 876000h/],
    ["876001h", /at most 876000h/],
    ["52560001m", /at most 876000h/],
    ["52560000m1ns", /at most 876000h/],
    ["99999999999999999999h", /out of range/],
    ["Forever", /not a valid duration/],
    ["never", /not a valid duration/],
    ["1".repeat(65) + "h", /too long/],
  ])("%j", (input, reason) => {
    const problem = durationProblem(input);
    expect(problem).toMatch(reason);
    expect(problem).toContain(DURATION_FORMAT_HINT);
    expect(() => parseTokenDuration(input)).toThrow(DURATION_FORMAT_HINT);
  });

  it("describes the format with examples, the units and the bounds", () => {
    for (const part of ["8760h", "2h45m", "1.5h", "ms", "1s", "876000h", "forever"]) {
      expect(DURATION_FORMAT_HINT).toContain(part);
    }
  });
});

describe("initialExpiry", () => {
  const created = new Date("2030-03-01T12:00:00.000Z");

  it("is created_at + duration", () => {
    expect(initialExpiry(created, "8760h")).toEqual(new Date(created.getTime() + YEAR));
    expect(initialExpiry(created, "2h45m")!.toISOString()).toBe("2030-03-01T14:45:00.000Z");
    expect(initialExpiry(created, "1500ms")!.getTime()).toBe(created.getTime() + 1500);
  });

  it("is null for forever", () => {
    expect(initialExpiry(created, "forever")).toBeNull();
  });

  it("refuses an invalid duration", () => {
    expect(() => initialExpiry(created, "30d")).toThrow(DURATION_FORMAT_HINT);
  });
});

describe("refreshedExpiry adds 8760h to max(expires_at, now)", () => {
  const now = new Date("2030-06-01T00:00:00.000Z");

  it("extends a token that has not expired from its expiry", () => {
    const expires = new Date(now.getTime() + 10 * DAY);
    expect(refreshedExpiry(expires, now)).toEqual(new Date(expires.getTime() + YEAR));
  });

  it("gives an expired token a year from now", () => {
    expect(refreshedExpiry(new Date(now.getTime() - 40 * DAY), now)).toEqual(new Date(now.getTime() + YEAR));
  });

  it("treats a token expiring exactly now like an expired one", () => {
    expect(refreshedExpiry(now, now)).toEqual(new Date(now.getTime() + YEAR));
  });

  it("leaves a non-expiring token non-expiring", () => {
    expect(refreshedExpiry(null, now)).toBeNull();
  });
});

describe("extendedExpiry (edit with a new duration)", () => {
  const now = new Date("2030-06-01T00:00:00.000Z");

  it("extends a future token from its expiry", () => {
    const expires = new Date(now.getTime() + 5 * DAY);
    expect(extendedExpiry(expires, now, "24h")).toEqual(new Date(expires.getTime() + DAY));
  });

  it("extends an expired token from now", () => {
    expect(extendedExpiry(new Date(now.getTime() - DAY), now, "24h")).toEqual(new Date(now.getTime() + DAY));
  });

  it("gives a non-expiring token a finite expiry counted from now", () => {
    expect(extendedExpiry(null, now, "8760h")).toEqual(new Date(now.getTime() + YEAR));
  });

  it("makes a finite token non-expiring with forever", () => {
    expect(extendedExpiry(new Date(now.getTime() + DAY), now, "forever")).toBeNull();
    expect(extendedExpiry(null, now, "forever")).toBeNull();
  });
});

describe("tokenStatus", () => {
  const now = new Date("2030-06-01T00:00:00.000Z");
  const at = (offset: number) => new Date(now.getTime() + offset);

  it("is active with more than 7 days left, and for a non-expiring token", () => {
    expect(tokenStatus({ enabled: true, expiresAt: at(30 * DAY) }, now)).toBe("active");
    expect(tokenStatus({ enabled: true, expiresAt: at(EXPIRING_SOON_MS) }, now)).toBe("active");
    expect(tokenStatus({ enabled: true, expiresAt: null }, now)).toBe("active");
  });

  it("is expiring soon with less than 7 days left", () => {
    expect(EXPIRING_SOON_MS).toBe(7 * DAY);
    expect(tokenStatus({ enabled: true, expiresAt: at(EXPIRING_SOON_MS - 1) }, now)).toBe("expiring_soon");
    expect(tokenStatus({ enabled: true, expiresAt: at(1) }, now)).toBe("expiring_soon");
  });

  it("is expired from the instant expires_at is reached", () => {
    expect(tokenStatus({ enabled: true, expiresAt: now }, now)).toBe("expired");
    expect(tokenStatus({ enabled: true, expiresAt: at(-1) }, now)).toBe("expired");
  });

  it("is disabled whatever the expiry", () => {
    expect(tokenStatus({ enabled: false, expiresAt: at(30 * DAY) }, now)).toBe("disabled");
    expect(tokenStatus({ enabled: false, expiresAt: at(DAY) }, now)).toBe("disabled");
    expect(tokenStatus({ enabled: false, expiresAt: at(-DAY) }, now)).toBe("disabled");
    expect(tokenStatus({ enabled: false, expiresAt: null }, now)).toBe("disabled");
  });
});

describe("graceEndProblem", () => {
  const now = new Date("2030-06-01T00:00:00.000Z");
  const at = (offset: number) => new Date(now.getTime() + offset);

  it("allows up to 30 days ahead, and never past the token's own expiry", () => {
    expect(MAX_ROTATION_GRACE_MS).toBe(30 * DAY);
    expect(graceEndProblem(at(30 * DAY), now, null)).toBeNull();
    expect(graceEndProblem(at(30 * DAY + 1), now, null)).toBe("must be at most 30 days from now");
    expect(graceEndProblem(new Date("9999-12-31T23:59:59Z"), now, null)).toBe("must be at most 30 days from now");
    expect(graceEndProblem(at(2 * H), now, at(2 * H))).toBeNull();
    expect(graceEndProblem(at(2 * H + 1), now, at(2 * H))).toBe("must not be later than the token's expiry (2030-06-01T02:00:00.000Z)");
  });

  it("always allows a time not in the future (the grace ends at once), and refuses an invalid date", () => {
    expect(graceEndProblem(now, now, at(-DAY))).toBeNull();
    expect(graceEndProblem(new Date(0), now, at(H))).toBeNull();
    expect(graceEndProblem(new Date(Number.NaN), now, null)).toBe("must be an RFC 3339 date-time");
  });
});
