import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test } from "./fixtures";
import { e2eState } from "./support/state";

// The page of an object that does not exist (deleted, never was, a malformed id) answers HTTP 404
// with its not-found card inside the dashboard, not a 200.

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A service token of the signed-in Access Administrator's account, written as the service writes one. */
async function insertToken(name: string): Promise<string> {
  const id = randomUUID();
  await withDb(async (c) => {
    const { rows } = await c.query<{ account_id: string }>("SELECT account_id FROM admins WHERE email = $1", [e2eState().admins.access_admin.email]);
    await c.query(
      `INSERT INTO service_tokens (id, account_id, name, client_id, secret_hash, duration, expires_at)
       VALUES ($1, $2, $3, $4, $5, '8760h', now() + interval '8760 hours')`,
      [id, rows[0].account_id, name, `${randomBytes(16).toString("hex")}.access`, randomBytes(32).toString("hex")],
    );
  });
  return id;
}

test("a deleted token's page answers 404 with its not-found card", async ({ page, uniqueName }) => {
  const id = await insertToken(uniqueName("Soon gone"));
  expect((await page.goto(`/service-tokens/${id}`))!.status()).toBe(200);
  await withDb((c) => c.query("DELETE FROM service_tokens WHERE id = $1", [id]));

  const res = await page.goto(`/service-tokens/${id}`);
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Service token not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the list" })).toHaveAttribute("href", "/service-tokens");
  await expect(page.getByRole("navigation").first()).toBeVisible();
});

test("unknown and malformed ids answer 404 on token and application pages", async ({ page }) => {
  for (const [path, heading] of [
    [`/service-tokens/${randomUUID()}`, "Service token not found"],
    ["/service-tokens/not-a-uuid", "Service token not found"],
    [`/applications/${randomUUID()}`, "Application not found"],
    ["/applications/not-a-uuid", "Application not found"],
  ]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: heading }), path).toBeVisible();
  }
  // The lists themselves are still pages.
  for (const path of ["/service-tokens", "/applications"]) expect((await page.goto(path))!.status(), path).toBe(200);
});
