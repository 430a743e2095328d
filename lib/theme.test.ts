import { describe, expect, it } from "vitest";
import { parseTheme, themeCookie, THEME_COOKIE } from "./theme";

describe("parseTheme", () => {
  it("keeps the three choices", () => {
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("system")).toBe("system");
  });

  it("falls back to the system setting for a missing or unknown value", () => {
    expect(parseTheme(undefined)).toBe("system");
    expect(parseTheme("")).toBe("system");
    expect(parseTheme("DARK")).toBe("system");
    expect(parseTheme("dark; Path=/")).toBe("system");
  });
});

describe("themeCookie", () => {
  it("is a site-wide cookie that outlives the session", () => {
    expect(themeCookie("dark")).toBe(`${THEME_COOKIE}=dark; Path=/; Max-Age=31536000; SameSite=Lax`);
  });
});
