import type { z } from "zod";
import { invalid } from "../errors";
import { STORABLE_TEXT_MESSAGE, isStorableText } from "./text";

// The one way input becomes a domain value: every domain function (and the REST API's wire
// schemas) parses through parseInput, so the same mistake is reported the same way wherever it
// comes from (a form, the API, the CLI): `invalid request: <field>: <reason>`, where <field> is the
// whole dotted path of the value ("include.0.ip.ip", "policies.1"). Pure.

/**
 * The first problem of a failed parse: its whole path below `at`, the name of the input itself
 * ("body" by default, a query parameter's name for one parameter), and its reason.
 */
export function firstIssue(error: z.ZodError, at = ""): { field: string; reason: string } {
  const issue = error.issues[0];
  return { field: [at, ...issue.path.map(String)].filter(Boolean).join(".") || "body", reason: issue.message };
}

/** The path of the first string in `value` that PostgreSQL could not store, or null. */
function unstorablePath(value: unknown, path: string): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) {
      const found = unstorablePath(v, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Parses `input` with `schema`; the first problem becomes an invalid_request AppError naming the
 * field, below `at` when the input is one named value (a query parameter). Then no string of the
 * result may be one PostgreSQL cannot store: the schemas of free-text fields say so themselves, and
 * this holds for every other string too (rule values, filters, JSON).
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, at = ""): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error, at);
    throw invalid(field, reason);
  }
  const unstorable = unstorablePath(parsed.data, at);
  if (unstorable !== null) throw invalid(unstorable || "body", STORABLE_TEXT_MESSAGE);
  return parsed.data;
}
