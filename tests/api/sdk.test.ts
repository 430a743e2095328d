import { randomBytes } from "node:crypto";
import Cloudflare from "cloudflare";
import { describe, expect, it } from "vitest";
import { api } from "./client";

// The official `cloudflare` SDK (v7) against the production build: wire compatibility is the point
// of the API, so every operation goes through the SDK exactly as a user's script would.

const sdk = (token = api().tokens.write) => new Cloudflare({ apiToken: token, baseURL: api().apiBase, maxRetries: 0 });
const HOUR = 3600_000;
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

describe("the cloudflare SDK", () => {
  it("creates, reads, edits, refreshes, rotates and deletes a service token", async () => {
    const cf = sdk();
    const account_id = api().accountId;
    const tokens = cf.zeroTrust.access.serviceTokens;

    const created = await tokens.create({ account_id, name: "CI/CD token", duration: "8760h" });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.client_id).toMatch(/^[0-9a-f]{32}\.access$/);
    expect(created.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created).toMatchObject({ name: "CI/CD token", duration: "8760h", enabled: true, client_secret_version: 1 });
    const c = created as typeof created & { created_at: string; expires_at: string };
    expect(ms(c.expires_at) - ms(c.created_at)).toBe(8760 * HOUR);
    const id = created.id!;

    const got = await tokens.get(id, { account_id });
    expect(got).not.toHaveProperty("client_secret");
    expect(got).toMatchObject({ id, name: "CI/CD token", client_id: created.client_id, expires_at: c.expires_at });

    // GET then PUT the same object back: nothing changes (not even updated_at).
    const same = await tokens.update(id, { account_id, ...(got as Record<string, unknown>) });
    expect(same).toEqual(got);

    const edited = await tokens.update(id, { account_id, name: "renamed", duration: "17520h" });
    expect(edited).toMatchObject({ name: "renamed", duration: "17520h" });
    expect(ms(edited.expires_at) - ms(c.expires_at)).toBe(17520 * HOUR);
    expect(edited).not.toHaveProperty("client_secret");

    const refreshed = await tokens.refresh(id, { account_id });
    expect(ms(refreshed.expires_at) - ms(edited.expires_at)).toBe(8760 * HOUR);

    const graceEnd = new Date(Date.now() + 24 * HOUR).toISOString();
    const rotated = await tokens.rotate(id, { account_id, previous_client_secret_expires_at: graceEnd });
    expect(rotated.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect(rotated).toMatchObject({ id, client_id: created.client_id, client_secret_version: 2 });
    expect(ms((rotated as { previous_client_secret_expires_at?: string }).previous_client_secret_expires_at)).toBe(ms(graceEnd));

    // A PUT that raises client_secret_version rotates again and hands back the new secret.
    const viaPut = (await tokens.update(id, { account_id, client_secret_version: 3 })) as { client_secret?: string; client_secret_version?: number };
    expect(viaPut.client_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(viaPut.client_secret_version).toBe(3);

    const deleted = await tokens.delete(id, { account_id });
    expect(deleted).toMatchObject({ id, name: "renamed" });
    expect(deleted).not.toHaveProperty("client_secret");
    await expect(tokens.get(id, { account_id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
    await expect(tokens.delete(id, { account_id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
  });

  it("auto-paginates a list of 120 tokens over three pages and stops at the first empty page", async () => {
    const cf = sdk();
    const account_id = api().accountId;
    const prefix = `page-${randomBytes(4).toString("hex")}`;
    const made = new Set<string>();
    for (let batch = 0; batch < 12; batch++) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, i) => cf.zeroTrust.access.serviceTokens.create({ account_id, name: `${prefix}-${batch * 10 + i}` })),
      );
      for (const t of created) made.add(t.id!);
    }

    const seen: string[] = [];
    for await (const t of cf.zeroTrust.access.serviceTokens.list({ account_id, per_page: 50, search: prefix })) seen.push(t.id!);
    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(made);

    const pages = [];
    const first = await cf.zeroTrust.access.serviceTokens.list({ account_id, per_page: 50, search: prefix });
    for await (const page of first.iterPages()) {
      pages.push({ count: page.result.length, info: page.result_info });
    }
    expect(pages).toEqual([
      { count: 50, info: { page: 1, per_page: 50, count: 50, total_count: 120, total_pages: 3 } },
      { count: 50, info: { page: 2, per_page: 50, count: 50, total_count: 120, total_pages: 3 } },
      { count: 20, info: { page: 3, per_page: 50, count: 20, total_count: 120, total_pages: 3 } },
      { count: 0, info: { page: 4, per_page: 50, count: 0, total_count: 120, total_pages: 3 } },
    ]);

    // `name` is an exact match.
    const exact = await cf.zeroTrust.access.serviceTokens.list({ account_id, name: `${prefix}-7` });
    expect(exact.result.map((t) => t.name)).toEqual([`${prefix}-7`]);

    for (const id of made) await cf.zeroTrust.access.serviceTokens.delete(id, { account_id });
  }, 180_000);

  it("lists the token's account and verifies the token", async () => {
    const cf = sdk();
    const accounts = [];
    for await (const a of cf.accounts.list()) accounts.push(a);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: api().accountId, name: "Default account", type: "standard", settings: {} });
    expect(Number.isNaN(ms(accounts[0].created_on))).toBe(false);

    const verified = await cf.user.tokens.verify();
    expect(verified.status).toBe("active");
    expect(verified.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("surfaces the API's errors as the SDK's error classes", async () => {
    const account_id = api().accountId;
    await expect(sdk().zeroTrust.access.serviceTokens.create({ account_id, name: "x", duration: "1y" })).rejects.toBeInstanceOf(Cloudflare.BadRequestError);
    await expect(sdk("x".repeat(40)).user.tokens.verify()).rejects.toBeInstanceOf(Cloudflare.AuthenticationError);
    await expect(sdk(api().tokens.read).zeroTrust.access.serviceTokens.create({ account_id, name: "x" })).rejects.toBeInstanceOf(Cloudflare.PermissionDeniedError);
    await expect(sdk().zeroTrust.access.serviceTokens.list({ account_id: api().otherAccountId }).then((p) => p.result)).rejects.toBeInstanceOf(
      Cloudflare.PermissionDeniedError,
    );
    const error = await sdk()
      .zeroTrust.access.serviceTokens.get("00000000-0000-4000-8000-000000000000", { account_id })
      .then(
        () => null,
        (e: unknown) => e as InstanceType<typeof Cloudflare.NotFoundError>,
      );
    expect(error).toBeInstanceOf(Cloudflare.NotFoundError);
    expect(error?.errors).toEqual([{ code: 12135, message: "access.api.error.not_found" }]);
  });
});
