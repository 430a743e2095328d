import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { toFormFailure } from "../forms";
import { likePattern, searchParamProblem } from "./list";
import { parseInput } from "./parse";
import { DISPLAYABLE_TEXT_MESSAGE, nameSchema, STORABLE_TEXT_MESSAGE } from "./text";
import { isUuid } from "./uuid";

function refusal(schema: z.ZodType, input: unknown, at?: string): { field: string | undefined; message: string } {
  try {
    parseInput(schema, input, at);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { field: (e as AppError).details?.field, message: (e as AppError).message };
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe("parseInput", () => {
  const schema = z.object({ name: nameSchema, rules: z.array(z.object({ ip: z.string().min(1, "must not be empty") })).optional() });

  it("names the field by its whole path", () => {
    expect(refusal(schema, { name: "ok", rules: [{ ip: "a" }, { ip: "" }] })).toEqual({
      field: "rules.1.ip",
      message: "invalid request: rules.1.ip: must not be empty",
    });
  });

  it("names the body when the input itself is wrong, or the parameter it was given as", () => {
    expect(refusal(schema, "x").field).toBe("body");
    expect(refusal(nameSchema, "", "name")).toEqual({ field: "name", message: "invalid request: name: must not be empty" });
  });

  it("refuses text PostgreSQL cannot store, wherever it is", () => {
    for (const bad of ["a\u0000b", "lone \ud800", "\udfff"]) {
      expect(refusal(schema, { name: bad })).toEqual({ field: "name", message: `invalid request: name: ${STORABLE_TEXT_MESSAGE}` });
      expect(refusal(schema, { name: "ok", rules: [{ ip: bad }] }).field).toBe("rules.0.ip");
      expect(refusal(z.record(z.string(), z.string()), { key: bad }).field).toBe("key");
    }
  });

  it("returns the parsed value", () => {
    expect(parseInput(schema, { name: "  trimmed  ", extra: 1 })).toEqual({ name: "trimmed" });
    expect(parseInput(z.object({ at: z.date() }), { at: new Date(0) })).toEqual({ at: new Date(0) });
  });
});

describe("nameSchema", () => {
  // Controls, separators and every Unicode bidirectional control (U+202E makes "RTL" read "LTR").
  const HOSTILE = [
    "line\nbreak", "car\rriage", "tab\tbed", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085", "c1\u009b",
    "\u202eRTL", "a\u202ab", "a\u202bb", "a\u202cb", "a\u202db", "a\u2066b", "a\u2067b", "a\u2068b", "a\u2069b",
    "a\u200eb", "a\u200fb", "a\u061cb", "a\u2028b", "a\u2029b",
  ];

  it.each(HOSTILE)("refuses %j with a message naming the field, in the API's words and a form's", (bad) => {
    expect(refusal(z.object({ name: nameSchema }), { name: bad })).toEqual({ field: "name", message: `invalid request: name: ${DISPLAYABLE_TEXT_MESSAGE}` });
    let thrown: unknown;
    try {
      parseInput(z.object({ name: nameSchema }), { name: bad });
    } catch (e) {
      thrown = e;
    }
    expect(toFormFailure(thrown)).toEqual({ ok: false, field: "name", error: `Name ${DISPLAYABLE_TEXT_MESSAGE}` });
  });

  it("keeps the text of every script, emoji sequences and joiners, and trims surrounding whitespace", () => {
    for (const ok of ["CI/CD token", "Überprüfung", "日本語のトークン", "עברית", "العربية", "می\u200cخواهم", "👩\u200d💻 deploy", "🏳️\u200d🌈", "a b"]) {
      expect(parseInput(nameSchema, ok)).toBe(ok);
    }
    expect(parseInput(nameSchema, "\t name \n")).toBe("name");
  });
});

describe("likePattern", () => {
  it("makes %, _ and \\ stand for themselves", () => {
    expect(likePattern("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(likePattern("plain")).toBe("plain");
  });
});

describe("isUuid", () => {
  it("accepts RFC 9562 UUIDs in either case, and nothing else", () => {
    const id = crypto.randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    for (const bad of ["", "not-a-uuid", `${id}0`, ` ${id}`, "12345678-1234-1234-1234-123456789012", id.replace(/-/g, ""), null, 5, undefined]) {
      expect(isUuid(bad), String(bad)).toBe(false);
    }
  });
});

describe("searchParamProblem", () => {
  it("says what the API's search rule refuses, in words for the page", () => {
    expect(searchParamProblem("api\u0000x")).toBe(`Search ${STORABLE_TEXT_MESSAGE}`);
    expect(searchParamProblem("\ud800")).toBe(`Search ${STORABLE_TEXT_MESSAGE}`);
    expect(searchParamProblem("x".repeat(256))).toBe("Search must be at most 255 characters");
  });

  it("accepts any other term, the empty one included", () => {
    for (const term of ["", "ci deploy", "50%_off\\", "x".repeat(255), "\u{1F600}", "\ufffd"]) expect(searchParamProblem(term)).toBeNull();
  });
});
