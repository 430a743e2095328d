import type { z } from "zod";
import { invalid } from "../errors";
import { firstIssue } from "../service-tokens/schemas";

/** Parses a wire input; the first problem becomes `invalid request: <field>: <reason>` (a 400). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { field, reason } = firstIssue(parsed.error);
    throw invalid(field, reason);
  }
  return parsed.data;
}
