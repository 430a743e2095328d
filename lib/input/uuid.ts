// Object ids. Pure and cheap (one precompiled pattern): the validation endpoint checks ids with it
// on its hot path.

/** An RFC 9562 UUID, any version, either case (the ids Gatepost issues are version 4). */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;

/**
 * Whether `value` can be an object id. Domain functions answer "not found" for anything else before
 * asking the database, whose uuid casts would fail on it.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
