import { describe, expect, it } from "vitest";
import { firstIssue } from "../input/parse";
import { DURATION_FORMAT_HINT } from "./duration";
import { createServiceTokenSchema, listServiceTokensSchema, updateServiceTokenSchema } from "./schemas";

function problem(schema: typeof createServiceTokenSchema | typeof updateServiceTokenSchema | typeof listServiceTokensSchema, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return firstIssue(parsed.error);
}

describe("createServiceTokenSchema", () => {
  it("defaults the duration to 8760h and trims the name", () => {
    expect(createServiceTokenSchema.parse({ name: "  ci  " })).toEqual({ name: "ci", duration: "8760h" });
  });

  it("names the field and the accepted format for a bad duration", () => {
    const { field, reason } = problem(createServiceTokenSchema, { name: "ci", duration: "30d" });
    expect(field).toBe("duration");
    expect(reason).toContain(DURATION_FORMAT_HINT);
  });

  it.each([
    [{}, "name"],
    [{ name: "" }, "name"],
    [{ name: " \t " }, "name"],
    [{ name: "n".repeat(256) }, "name"],
    [{ name: null }, "name"],
    [{ name: "ok", duration: 10 }, "duration"],
    [{ name: "ok", duration: null }, "duration"],
  ])("refuses %j naming %s", (input, field) => {
    expect(problem(createServiceTokenSchema, input).field).toBe(field);
  });

  it("accepts a 255-character name", () => {
    expect(createServiceTokenSchema.parse({ name: "n".repeat(255) }).name).toHaveLength(255);
  });

  it("names the body when the input is not an object", () => {
    expect(problem(createServiceTokenSchema, "ci").field).toBe("body");
  });
});

describe("updateServiceTokenSchema", () => {
  it("leaves out what is not given", () => {
    expect(updateServiceTokenSchema.parse({})).toEqual({});
  });

  it("refuses a non-boolean enabled", () => {
    expect(problem(updateServiceTokenSchema, { enabled: "true" }).field).toBe("enabled");
  });
});

describe("listServiceTokensSchema", () => {
  it("defaults to page 1, 50 per page, newest first", () => {
    expect(listServiceTokensSchema.parse({})).toEqual({ page: 1, perPage: 50, sort: "createdAt", order: "desc" });
  });

  it("takes per_page from 1 to 1000", () => {
    expect(listServiceTokensSchema.parse({ perPage: "1000" }).perPage).toBe(1000);
    expect(problem(listServiceTokensSchema, { perPage: 1001 }).field).toBe("perPage");
    expect(problem(listServiceTokensSchema, { perPage: 0 }).field).toBe("perPage");
  });

  it("refuses a sort column that is not a table column", () => {
    expect(problem(listServiceTokensSchema, { sort: "secretHash" }).field).toBe("sort");
  });
});
