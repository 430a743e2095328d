import { z } from "zod";

// Points in time a client sends: RFC 3339 with an offset (the REST API's query parameters), or a
// Date (the dashboard's parsed forms). Pure.

const RFC3339_MESSAGE = "must be an RFC 3339 date-time such as 2025-01-31T12:00:00Z";

export const timestampSchema = z
  .union([z.date({ error: RFC3339_MESSAGE }), z.iso.datetime({ offset: true, error: RFC3339_MESSAGE })], { error: RFC3339_MESSAGE })
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((d) => !Number.isNaN(d.getTime()), RFC3339_MESSAGE);
