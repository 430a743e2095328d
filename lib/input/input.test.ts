import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { likePattern } from "./list";
import { parseInput } from "./parse";
import { nameSchema, STORABLE_TEXT_MESSAGE } from "./text";
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
