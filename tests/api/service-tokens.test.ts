import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountPath, api, call, expectFailure, expectSuccess, rawRequest } from "./client";
import { withPg } from "../harness/pg";

// What the service-token endpoints do, beyond what the SDK test shows: PUT semantics (README › Service token semantics),
// creation options, list filters, the envelope at the edges, secrets and the audit trail.

const HOUR = 3600_000;
const ST = () => accountPath("/access/service_tokens");
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;

async function createToken(body: Record<string, unknown> = {}) {
  const res = await call("POST", ST(), { body: { name: unique("st"), ...body } });
  const env = expectSuccess(res, 201);
  return { token: env.result, res };
}

const put = (id: string, body: unknown) => call("PUT", `${ST()}/${id}`, { body });
const get = async (id: string) => expectSuccess(await call("GET", `${ST()}/${id}`)).result;

describe("create", () => {
  it("answers 201 with the secret once, no-store, and the default duration of one year", async () => {
    const { token, res } = await createToken();
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(token.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(token.duration).toBe("8760h");
    expect(ms(token.expires_at)! - ms(token.created_at)!).toBe(8760 * HOUR);
    expect(Object.keys(token).sort()).toEqual(
      [
        "client_id", "client_secret", "client_secret_version", "created_at", "duration", "enabled", "expires_at", "id",
        "last_seen_at", "name", "previous_client_secret_expires_at", "previous_client_secret_last_seen_at", "updated_at",
      ].sort(),
    );
    expect(token.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
    const again = await get(token.id);
    expect(again).not.toHaveProperty("client_secret");
    const listed = expectSuccess(await call("GET", `${ST()}?name=${encodeURIComponent(token.name)}`)).result;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("client_secret");
  });

  it("takes forever (expires_at null), decimals, and enabled: false", async () => {
    expect((await createToken({ duration: "forever" })).token.expires_at).toBeNull();
    const t = (await createToken({ duration: "1.5h" })).token;
    expect(ms(t.expires_at)! - ms(t.created_at)!).toBe(1.5 * HOUR);
    const disabled = (await createToken({ enabled: false })).token;
    expect(disabled.enabled).toBe(false);
    expect((await get(disabled.id)).enabled).toBe(false);
  });

  it.each(["1y", "30d", "-5h", "0s", "876001h"])("refuses the duration %s with a 400 naming the field and the format", async (duration) => {
    const body = expectFailure(await call("POST", ST(), { body: { name: "x", duration } }), 400, 10001, "invalid request: duration: ");
    expect(body.errors[0].message).toContain("Go duration");
  });
});

describe("PUT", () => {
  it("puts back a GET result unchanged: same duration, version and grace end change nothing", async () => {
    const { token } = await createToken();
    const rotated = expectSuccess(
      await call("POST", `${ST()}/${token.id}/rotate`, { body: { previous_client_secret_expires_at: new Date(Date.now() + HOUR).toISOString() } }),
    ).result;
    const before = await get(token.id);
    expect(before.previous_client_secret_expires_at).toBe(rotated.previous_client_secret_expires_at);
    const res = await put(token.id, before);
    expect(res.headers["cache-control"]).toBeUndefined();
    expect(expectSuccess(res).result).toEqual(before);
    expect(await get(token.id)).toEqual(before);
  });

  it("extends by a different duration from max(expires_at, now), and not again when repeated", async () => {
    const { token } = await createToken({ duration: "1h" });
    const extended = expectSuccess(await put(token.id, { duration: "24h" })).result;
    expect(ms(extended.expires_at)! - ms(token.expires_at)!).toBe(24 * HOUR);
    expect(expectSuccess(await put(token.id, { duration: "24h" })).result.expires_at).toBe(extended.expires_at);
    expect(expectSuccess(await put(token.id, { duration: "forever" })).result.expires_at).toBeNull();
  });

  it("renames and disables, ignoring unknown and read-only fields and nulls", async () => {
    const { token } = await createToken();
    const updated = expectSuccess(
      await put(token.id, { name: "renamed", enabled: false, id: "other", client_id: "x", created_at: "never", color: "blue", duration: null }),
    ).result;
    expect(updated).toMatchObject({ id: token.id, client_id: token.client_id, name: "renamed", enabled: false, duration: token.duration, created_at: token.created_at });
    expect(expectSuccess(await put(token.id, { enabled: true })).result.enabled).toBe(true);
  });

  it("rotates when client_secret_version goes up by one, with the grace end given, and returns the secret no-store", async () => {
    const { token } = await createToken();
    const graceEnd = new Date(Date.now() + 2 * HOUR);
    const res = await put(token.id, { client_secret_version: 2, previous_client_secret_expires_at: graceEnd.toISOString() });
    expect(res.headers["cache-control"]).toBe("no-store");
    const rotated = expectSuccess(res).result;
    expect(rotated.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.client_secret).not.toBe(token.client_secret);
    expect(rotated.client_secret_version).toBe(2);
    expect(ms(rotated.previous_client_secret_expires_at)).toBe(graceEnd.getTime());

    // Moving the grace end, then ending it with a time in the past.
    const later = new Date(Date.now() + 5 * HOUR);
    expect(ms(expectSuccess(await put(token.id, { previous_client_secret_expires_at: later.toISOString() })).result.previous_client_secret_expires_at)).toBe(
      later.getTime(),
    );
    expect(expectSuccess(await put(token.id, { previous_client_secret_expires_at: "2000-01-01T00:00:00Z" })).result.previous_client_secret_expires_at).toBeNull();

    // A stale or the same version changes nothing; a jump is refused.
    expect(expectSuccess(await put(token.id, { client_secret_version: 1 })).result).not.toHaveProperty("client_secret");
    expect(expectSuccess(await put(token.id, { client_secret_version: 2 })).result.client_secret_version).toBe(2);
    expectFailure(await put(token.id, { client_secret_version: 4 }), 400, 10001, "invalid request: client_secret_version: ");
  });

  it("changes nothing when any field is invalid, even if others are valid", async () => {
    const { token } = await createToken();
    const before = await get(token.id);
    expectFailure(await put(token.id, { name: "new name", duration: "1y" }), 400, 10001, "invalid request: duration: ");
    expectFailure(await put(token.id, { name: "new name", client_secret_version: "2" }), 400, 10001, "invalid request: client_secret_version: ");
    expectFailure(await put(token.id, { enabled: "false" }), 400, 10001, "invalid request: enabled: ");
    expectFailure(await put(token.id, { name: "a\u0000b" }), 400, 10001, "invalid request: name: ");
    expect(await get(token.id)).toEqual(before);
  });
});

describe("rotate and refresh", () => {
  it("rotate without a body ends the old secret at once; refresh adds a year; DELETE returns the object", async () => {
    const { token } = await createToken({ duration: "1h" });
    const res = await call("POST", `${ST()}/${token.id}/rotate`);
    expect(res.headers["cache-control"]).toBe("no-store");
    const rotated = expectSuccess(res).result;
    expect(rotated.previous_client_secret_expires_at).toBeNull();
    expect(rotated.client_secret_version).toBe(2);

    const before = Date.now();
    const refreshed = expectSuccess(await call("POST", `${ST()}/${token.id}/refresh`)).result;
    expect(ms(refreshed.expires_at)! - ms(token.expires_at)!).toBe(8760 * HOUR);
    expect(ms(refreshed.expires_at)!).toBeGreaterThan(before + 8760 * HOUR);

    const forever = (await createToken({ duration: "forever" })).token;
    expect(expectSuccess(await call("POST", `${ST()}/${forever.id}/refresh`)).result.expires_at).toBeNull();

    const deleted = expectSuccess(await call("DELETE", `${ST()}/${token.id}`)).result;
    expect(deleted).toMatchObject({ id: token.id, client_id: token.client_id });
    expectFailure(await call("GET", `${ST()}/${token.id}`), 404, 12135, "access.api.error.not_found");
  });
});

describe("list", () => {
  it("filters by exact name and by case-insensitive search over name and client id, and pages past the end are empty", async () => {
    const tag = unique("List_Tag");
    const a = (await createToken({ name: `${tag}-alpha` })).token;
    const b = (await createToken({ name: `${tag}-beta` })).token;
    await createToken({ name: `${tag}-alpha-2` });

    const byName = expectSuccess(await call("GET", `${ST()}?name=${tag}-alpha`));
    expect(byName.result.map((t: { id: string }) => t.id)).toEqual([a.id]);

    const bySearch = expectSuccess(await call("GET", `${ST()}?search=${tag.toUpperCase()}&per_page=2`));
    expect(bySearch.result).toHaveLength(2);
    expect(bySearch.result_info).toEqual({ page: 1, per_page: 2, count: 2, total_count: 3, total_pages: 2 });

    const byClientId = expectSuccess(await call("GET", `${ST()}?search=${b.client_id.slice(3, 20).toUpperCase()}`));
    expect(byClientId.result.map((t: { id: string }) => t.id)).toEqual([b.id]);

    const past = expectSuccess(await call("GET", `${ST()}?search=${tag}&page=3&per_page=2`));
    expect(past.result).toEqual([]);
    expect(past.result_info).toEqual({ page: 3, per_page: 2, count: 0, total_count: 3, total_pages: 2 });

    // LIKE wildcards in a search are plain characters.
    expect(expectSuccess(await call("GET", `${ST()}?search=${tag.replace("_", "%25")}`)).result).toEqual([]);
    expect(expectSuccess(await call("GET", `${ST()}?search=List_Tag-${tag.split("-")[1]}`)).result_info.total_count).toBe(3);
  });

  it("defaults to 50 per page and refuses per_page above 1000 or a page below 1", async () => {
    expect(expectSuccess(await call("GET", ST())).result_info.per_page).toBe(50);
    expectFailure(await call("GET", `${ST()}?per_page=5000`), 400, 10001, "invalid request: per_page: ");
    expectFailure(await call("GET", `${ST()}?page=0`), 400, 10001, "invalid request: page: ");
  });
});

describe("the edges of the API", () => {
  it("answers unknown paths 404 7003 and known paths with another method 405 10405 with Allow, even without credentials", async () => {
    expectFailure(await call("GET", "/nope", { token: null }), 404, 7003, "no route for the URI");
    const res = await call("PATCH", ST(), { token: null });
    expectFailure(res, 405, 10405, "method not allowed");
    expect(res.headers.allow).toBe("GET, POST");
    expectFailure(await call("OPTIONS", `${ST()}/x`, { token: null }), 405, 10405);
  });

  it("answers HEAD like GET, without a body", async () => {
    const res = await rawRequest({ method: "HEAD", path: `/client/v4${ST()}`, headers: { authorization: `Bearer ${api().tokens.write}` } });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.text).toBe("");
  });

  it("refuses a body over 64 KiB with 413 10413 before reading it as JSON", async () => {
    const { token } = await createToken();
    expectFailure(await call("PUT", `${ST()}/${token.id}`, { rawBody: `{"name":"${"x".repeat(64 * 1024)}"}` }), 413, 10413, "payload too large");
    expectFailure(await call("DELETE", `${ST()}/${token.id}`, { rawBody: "x".repeat(64 * 1024 + 1) }), 413, 10413);
    expect((await get(token.id)).id).toBe(token.id);
  });

  it("accepts the Bearer scheme in any case and a token's own account only", async () => {
    const res = await call("GET", "/user/tokens/verify", { token: null, headers: { authorization: `bearer ${api().tokens.read}` } });
    expect(expectSuccess(res).result).toMatchObject({ status: "active" });
    expect(expectSuccess(res).result).not.toHaveProperty("expires_on");
  });
});

describe("audit and bookkeeping", () => {
  it("records every write with the API token as the actor, and last_used_at at most once a minute", async () => {
    const { token } = await createToken();
    await put(token.id, { name: "audited" });
    await call("POST", `${ST()}/${token.id}/refresh`);
    await call("POST", `${ST()}/${token.id}/rotate`);
    await call("DELETE", `${ST()}/${token.id}`);
    const rows = await withPg(api().databaseUrl, async (c) =>
      (
        await c.query(
          `SELECT a.action, a.actor_type, a.actor_label, a.actor_id = t.id::text AS by_token
             FROM audit_logs a JOIN api_tokens t ON t.name = 'writer'
            WHERE a.object_id = $1 ORDER BY a.id`,
          [token.id],
        )
      ).rows,
    );
    expect(rows).toEqual(
      ["create", "update", "refresh", "rotate", "delete"].map((verb) => ({
        action: `service_token.${verb}`,
        actor_type: "api_token",
        actor_label: 'API token "writer"',
        by_token: true,
      })),
    );
    // The audit trail never holds a secret.
    const trail = await withPg(api().databaseUrl, async (c) => (await c.query("SELECT before::text, after::text FROM audit_logs WHERE object_id = $1", [token.id])).rows);
    expect(JSON.stringify(trail)).not.toContain(token.client_secret);

    const lastUsed = async () =>
      withPg(api().databaseUrl, async (c) => (await c.query("SELECT last_used_at FROM api_tokens WHERE name = 'reader'")).rows[0].last_used_at as Date | null);
    await withPg(api().databaseUrl, (c) => c.query("UPDATE api_tokens SET last_used_at = NULL WHERE name = 'reader'"));
    const sent = Date.now();
    await call("GET", "/user/tokens/verify", { token: api().tokens.read });
    const first = await lastUsed();
    expect(first!.getTime()).toBeGreaterThanOrEqual(sent - 1000);
    await call("GET", "/user/tokens/verify", { token: api().tokens.read });
    expect(await lastUsed()).toEqual(first);
  });
});

describe("concurrent rotations", () => {
  it("of six parallel PUTs of version 2 on a version-1 token, one rotates and five get the 409, every time", async () => {
    for (let round = 0; round < 5; round++) {
      const { token } = await createToken();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => put(token.id, { client_secret_version: 2, name: `contender ${round}-${i}` })),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses, answers.map((r) => r.text).join("\n")).toEqual([200, 409, 409, 409, 409, 409]);
      const winner = answers.find((r) => r.status === 200)!;
      const rotated = expectSuccess(winner).result;
      expect(rotated.client_secret).toMatch(/^[0-9a-f]{64}$/);
      expect(winner.headers["cache-control"]).toBe("no-store");
      for (const lost of answers.filter((r) => r.status === 409)) {
        expectFailure(lost, 409, 11010, "conflict: client_secret_version is now 2; another rotation happened first");
        expect(lost.headers["x-should-retry"]).toBe("false");
      }
      // The losers changed nothing: not even their renames.
      const stored = await get(token.id);
      expect(stored).toMatchObject({ client_secret_version: 2, name: rotated.name });
      const actions = await withPg(api().databaseUrl, async (c) =>
        (await c.query("SELECT action FROM audit_logs WHERE object_id = $1 ORDER BY id", [token.id])).rows.map((r) => r.action),
      );
      expect(actions).toEqual(["service_token.create", "service_token.update", "service_token.rotate"]);

      // Afterwards the stored version sent back is the no-op it always was (GET-then-PUT).
      const again = expectSuccess(await put(token.id, stored)).result;
      expect(again).toEqual(stored);
    }
  });
});

describe("a refused PUT changes nothing, also when it asks for several things", () => {
  it("keeps the name when the version is refused", async () => {
    const { token } = await createToken();
    const before = await get(token.id);
    expectFailure(await put(token.id, { name: "renamed", client_secret_version: 3 }), 400, 10001, "invalid request: client_secret_version: must be 1 (unchanged) or 2");
    expectFailure(
      await put(token.id, { name: "renamed", duration: "24h", client_secret_version: 2, previous_client_secret_expires_at: "9999-12-31T23:59:59Z" }),
      400,
      10001,
      "invalid request: previous_client_secret_expires_at: ",
    );
    expect(await get(token.id)).toEqual(before);
  });

  it("creates a disabled token in one step: one audit row", async () => {
    const disabled = (await createToken({ enabled: false })).token;
    const rows = await withPg(api().databaseUrl, async (c) => (await c.query("SELECT action, after FROM audit_logs WHERE object_id = $1", [disabled.id])).rows);
    expect(rows).toEqual([{ action: "service_token.create", after: expect.objectContaining({ enabled: false }) }]);
  });
});

describe("the grace period of a rotation", () => {
  it("is refused more than 30 days ahead or past the token's own expiry, naming the field, on PUT and on rotate", async () => {
    const { token } = await createToken({ duration: "2h" });
    const far = new Date(Date.now() + 31 * 24 * HOUR).toISOString();
    for (const res of [
      await put(token.id, { client_secret_version: 2, previous_client_secret_expires_at: "9999-12-31T23:59:59Z" }),
      await call("POST", `${ST()}/${token.id}/rotate`, { body: { previous_client_secret_expires_at: far } }),
    ]) {
      expectFailure(res, 400, 10001, "invalid request: previous_client_secret_expires_at: must be at most 30 days from now");
    }
    const afterExpiry = new Date(Date.now() + 3 * HOUR).toISOString();
    expectFailure(
      await call("POST", `${ST()}/${token.id}/rotate`, { body: { previous_client_secret_expires_at: afterExpiry } }),
      400,
      10001,
      "invalid request: previous_client_secret_expires_at: must not be later than the token's expiry",
    );
    expect((await get(token.id)).client_secret_version).toBe(1);
    const rotated = expectSuccess(await put(token.id, { client_secret_version: 2, previous_client_secret_expires_at: new Date(Date.now() + HOUR).toISOString() })).result;
    expect(rotated.client_secret_version).toBe(2);
    // Moved too far, refused; moved within the bounds, done.
    expectFailure(await put(token.id, { previous_client_secret_expires_at: far }), 400, 10001, "invalid request: previous_client_secret_expires_at: ");
  });
});

describe("timestamps", () => {
  const RFC3339_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

  it("come back in one form, UTC with milliseconds, whatever form was sent", async () => {
    const { token } = await createToken();
    for (const field of ["created_at", "updated_at", "expires_at"]) expect(token[field], field).toMatch(RFC3339_MS);
    // A whole-second instant two hours ahead, written with a +02:00 offset and no fraction.
    const sent = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * HOUR);
    const asPlusTwo = `${new Date(sent.getTime() + 2 * HOUR).toISOString().slice(0, 19)}+02:00`;
    const rotated = expectSuccess(await put(token.id, { client_secret_version: 2, previous_client_secret_expires_at: asPlusTwo })).result;
    expect(rotated.previous_client_secret_expires_at).toBe(sent.toISOString());
    expect(rotated.previous_client_secret_expires_at).toMatch(/\.000Z$/);
    const micro = `${sent.toISOString().slice(0, 19)}.123456Z`;
    const moved = expectSuccess(await put(token.id, { previous_client_secret_expires_at: micro })).result;
    expect(moved.previous_client_secret_expires_at).toBe(`${sent.toISOString().slice(0, 19)}.123Z`);
    const verify = expectSuccess(await call("GET", "/user/tokens/verify")).result;
    if (verify.expires_on !== undefined) expect(verify.expires_on).toMatch(RFC3339_MS);
    expect(expectSuccess(await call("GET", "/accounts")).result[0].created_on).toMatch(RFC3339_MS);
  });
});
