import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, pageInfo, parsePageRequest, queryParam, textFilterParam } from "./pagination";

// Query parameters of v4 lists (README › API compatibility): page 1..1,000,000, per_page 1..1000
// (default 50), a parameter given twice is refused, free-text filters are storable text.

const q = (s: string) => new URLSearchParams(s);

/** The 400 a parameter gets: `invalid request: <name>: <reason>`. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("invalid_request");
    return (e as AppError).message;
  }
  throw new Error("not refused");
}

describe("parsePageRequest", () => {
  it("defaults to the first page of 50, or of the list's own default", () => {
    expect(parsePageRequest(q(""))).toEqual({ page: 1, perPage: DEFAULT_PER_PAGE });
    expect(DEFAULT_PER_PAGE).toBe(50);
    expect(parsePageRequest(q(""), 25)).toEqual({ page: 1, perPage: 25 });
    expect(parsePageRequest(q("page=3&per_page=1000"))).toEqual({ page: 3, perPage: 1000 });
  });

  it("accepts the bounds themselves", () => {
    expect(parsePageRequest(q(`page=${MAX_PAGE}&per_page=${MAX_PER_PAGE}`))).toEqual({ page: 1_000_000, perPage: 1000 });
    expect(parsePageRequest(q("page=1&per_page=1"))).toEqual({ page: 1, perPage: 1 });
  });

  it.each(["0", "-1", "1.5", "1e3", "+1", "0x10", "", " 1", "1,2", "abc", "1000001", "99999999999999999999"])("refuses page=%j", (page) => {
    expect(refusal(() => parsePageRequest(q(`page=${encodeURIComponent(page)}`)))).toBe("invalid request: page: must be an integer between 1 and 1000000");
  });

  it.each(["0", "1001", "5000", "-5", "50.0", "1e2", ""])("refuses per_page=%j", (perPage) => {
    expect(refusal(() => parsePageRequest(q(`per_page=${encodeURIComponent(perPage)}`)))).toBe("invalid request: per_page: must be an integer between 1 and 1000");
  });

  it("refuses a parameter given twice, even with the same value", () => {
    expect(refusal(() => parsePageRequest(q("page=1&page=1")))).toBe("invalid request: page: must be given at most once");
    expect(refusal(() => queryParam(q("search=a&search=b"), "search"))).toBe("invalid request: search: must be given at most once");
    expect(queryParam(q("search=a"), "search")).toBe("a");
    expect(queryParam(q(""), "search")).toBeUndefined();
  });

  it("describes the page it answers", () => {
    expect(pageInfo({ page: 2, perPage: 50 }, 20, 70)).toEqual({ page: 2, per_page: 50, count: 20, total_count: 70, total_pages: 2 });
  });
});

describe("textFilterParam", () => {
  it("is absent when not given, and keeps the text as given (empty and spaces included)", () => {
    expect(textFilterParam(q(""), "search")).toBeUndefined();
    expect(textFilterParam(q("search=%25_x"), "search")).toBe("%_x");
    expect(textFilterParam(q("search="), "search")).toBe("");
    expect(textFilterParam(q(`name=${"é".repeat(255)}`), "name")).toBe("é".repeat(255));
  });

  // (An unpaired surrogate cannot reach it: URLSearchParams holds well-formed strings only.)
  it("refuses more than 255 characters and text PostgreSQL cannot store", () => {
    expect(refusal(() => textFilterParam(q(`search=${"a".repeat(256)}`), "search"))).toBe("invalid request: search: must be at most 255 characters");
    expect(refusal(() => textFilterParam(q("name=a%00b"), "name"))).toMatch(/^invalid request: name: must not contain NUL/);
  });
});
