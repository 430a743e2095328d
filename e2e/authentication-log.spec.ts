import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { expect, test } from "./fixtures";
import { storedToken } from "./support/db";
import { e2eState } from "./support/state";
import { createAndClose, detail, openServiceTokens } from "./support/service-tokens";

// Logs › Authentication and the rotation grace on a token's page. The validation endpoint writes
// access_logs and the previous secret's last use; these tests write them with SQL instead, and
// narrow the log to their own token (?token=) so that parallel tests never see each other's rows.

let pool: pg.Pool | undefined;
const sql = () => (pool ??= new pg.Pool({ connectionString: e2eState().databaseUrl, max: 2 }));
test.afterAll(async () => {
  await pool?.end();
  pool = undefined;
});

interface LogRow {
  allowed: boolean;
  reason: string;
  serviceTokenId?: string | null;
  clientId?: string | null;
  appId?: string | null;
  appDomain?: string | null;
  ip?: string;
  userAgent?: string;
  count?: number;
  secondsAgo: number;
}

async function accountOf(clientId: string): Promise<string> {
  const { rows } = await sql().query<{ account_id: string }>("SELECT account_id FROM service_tokens WHERE client_id = $1", [clientId]);
  expect(rows).toHaveLength(1);
  return rows[0].account_id;
}

async function insertLogs(accountId: string, rows: LogRow[]): Promise<void> {
  for (const r of rows) {
    await sql().query(
      `INSERT INTO access_logs (account_id, created_at, allowed, reason, app_id, app_domain, service_token_id, client_id, ip_address, user_agent, ray_id, count)
       VALUES ($1, now() - make_interval(secs => $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        accountId,
        r.secondsAgo,
        r.allowed,
        r.reason,
        r.appId ?? null,
        r.appDomain ?? null,
        r.serviceTokenId ?? null,
        r.clientId ?? null,
        r.ip ?? "192.0.2.1",
        r.userAgent ?? "curl/8.5.0",
        randomBytes(8).toString("hex"),
        r.count ?? 1,
      ],
    );
  }
}

/** A token created through the dashboard, with its id and account. */
async function newToken(page: import("@playwright/test").Page, name: string) {
  await openServiceTokens(page);
  const token = await createAndClose(page, name);
  const stored = await storedToken({ clientId: token.clientId });
  return { ...token, id: stored!.id, accountId: await accountOf(token.clientId) };
}

const logTable = (page: import("@playwright/test").Page) => page.getByRole("table", { name: "Authentication log" });
const bodyRows = (page: import("@playwright/test").Page) => logTable(page).locator("tbody tr");

test("lists a token's attempts, filters them by outcome and reason, and links to the token", async ({ page, uniqueName }) => {
  const token = await newToken(page, uniqueName("Auth log"));
  const domain = `auth-log-${randomBytes(3).toString("hex")}.example.test`;
  await insertLogs(token.accountId, [
    { allowed: true, reason: "ok", serviceTokenId: token.id, clientId: token.clientId, appDomain: domain, ip: "10.0.0.1", count: 5, secondsAgo: 180 },
    { allowed: false, reason: "invalid_client_secret", serviceTokenId: token.id, clientId: token.clientId, appDomain: domain, ip: "10.0.0.2", secondsAgo: 120 },
    { allowed: false, reason: "expired", serviceTokenId: token.id, clientId: token.clientId, appDomain: domain, ip: "10.0.0.3", secondsAgo: 60 },
  ]);

  // The sidebar leads there, under Logs, before Audit.
  const logsNav = page.getByRole("navigation").getByRole("link", { name: /^(Authentication|Audit)$/ });
  await expect(logsNav).toHaveText(["Authentication", "Audit"]);
  await logsNav.first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Authentication" })).toBeVisible();

  // The token page's "View all" narrows the log to the token.
  await page.goto(`/service-tokens/${token.id}`);
  await page.getByRole("link", { name: "View all" }).click();
  await expect(page).toHaveURL(new RegExp(`/logs/authentication\\?token=${token.id}$`));
  await expect(page.getByRole("group", { name: "Filtered by service token" })).toContainText(token.name);
  await expect(bodyRows(page)).toHaveCount(3);
  const allowedRow = bodyRows(page).filter({ hasText: "Allowed" });
  await expect(allowedRow).toContainText("×5");
  await expect(allowedRow).toContainText("10.0.0.1");
  await expect(allowedRow).toContainText(domain);
  await expect(allowedRow).toContainText("curl/8.5.0");

  await page.getByLabel("Filter by outcome").selectOption("Refused");
  await expect(page).toHaveURL(/outcome=refused/);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(logTable(page)).not.toContainText("×5");

  await page.getByLabel("Filter by reason").selectOption("Wrong client secret");
  await expect(page).toHaveURL(/reason=invalid_client_secret/);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page)).toContainText("Refused");
  await expect(bodyRows(page)).toContainText("Wrong client secret");
  await expect(bodyRows(page)).toContainText("10.0.0.2");

  // A reason none of the rows has: the table's no-results state, with a way back.
  await page.getByLabel("Filter by reason").selectOption("Rate limited");
  await expect(page.getByText("No authentication attempts match these filters")).toBeVisible();
  await page.getByLabel("Filter by reason").selectOption("Wrong client secret");
  await expect(bodyRows(page)).toHaveCount(1);

  await bodyRows(page).getByRole("link", { name: token.name }).click();
  await expect(page).toHaveURL(new RegExp(`/service-tokens/${token.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: token.name })).toBeVisible();

  // Removing the token chip widens the log to the account.
  await page.goto(`/logs/authentication?token=${token.id}&outcome=refused`);
  await page.getByRole("button", { name: "Remove the service token filter" }).click();
  await expect(page).toHaveURL(/\/logs\/authentication\?outcome=refused$/);
});

test("an application's View all narrows the log to it", async ({ page, uniqueName }) => {
  const token = await newToken(page, uniqueName("Auth log app"));
  const appId = randomUUID();
  const appName = uniqueName("Logged app");
  const domain = `logged-${randomBytes(4).toString("hex")}.example.test`;
  await sql().query(`INSERT INTO access_apps (id, account_id, aud, name, domain, domain_host) VALUES ($1, $2, $3, $4, $5, $5)`, [
    appId,
    token.accountId,
    randomBytes(32).toString("hex"),
    appName,
    domain,
  ]);
  try {
    await insertLogs(token.accountId, [
      { allowed: false, reason: "no_policy_match", serviceTokenId: token.id, clientId: token.clientId, appId, appDomain: domain, secondsAgo: 30 },
    ]);
    await page.goto(`/applications/${appId}`);
    await page.getByRole("link", { name: "View all" }).click();
    await expect(page).toHaveURL(new RegExp(`/logs/authentication\\?app=${appId}$`));
    await expect(page.getByLabel("Filter by application")).toHaveValue(appId);
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page)).toContainText("No policy matched");
    await expect(bodyRows(page)).toContainText(appName);
    await bodyRows(page).getByRole("link", { name: domain }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${appId}$`));
  } finally {
    await sql().query("DELETE FROM access_apps WHERE id = $1", [appId]);
  }
});

test("a deleted token keeps its log, shown by client ID without a link", async ({ page, uniqueName }) => {
  const gone = randomUUID();
  const token = await newToken(page, uniqueName("Auth log deleted"));
  const clientId = `${randomBytes(16).toString("hex")}.access`;
  await insertLogs(token.accountId, [{ allowed: false, reason: "token_deleted", serviceTokenId: gone, clientId, secondsAgo: 10 }]);
  await page.goto(`/logs/authentication?token=${gone}`);
  await expect(page.getByRole("group", { name: "Filtered by service token" })).toContainText(`Deleted token ${gone}`);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page)).toContainText(clientId);
  await expect(bodyRows(page)).toContainText("Token deleted");
  await expect(bodyRows(page).getByRole("link")).toHaveCount(0);
});

test.describe("hostile query strings", () => {
  for (const [label, query, param] of [
    ["an unknown reason", "reason=not_a_reason", "Reason"],
    ["a NUL in the token", "token=%00", "Service token"],
    ["a 10 KB application", `app=${"a".repeat(10_000)}`, "Application"],
    ["a bad uuid", "token=12345678-1234-1234-1234-12345678901", "Service token"],
    ["an unknown time range", "range=forever&outcome=allowed", "Time range"],
  ] as const) {
    test(`${label} shows a message, not an error page`, async ({ page }) => {
      const res = await page.goto(`/logs/authentication?${query}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "Authentication" })).toBeVisible();
      const alert = page.getByRole("alert").filter({ hasText: "This link has filters the log cannot read" });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(param);
      // Named, never echoed (Next keeps the URL in its own payload; the page's text is what counts).
      expect(await page.locator("body").innerText()).not.toContain("a".repeat(100));
      await alert.getByRole("link", { name: /Show the log without/ }).click();
      await expect(page).toHaveURL(query.includes("outcome=allowed") ? /\/logs\/authentication\?outcome=allowed$/ : /\/logs\/authentication$/);
      await expect(page.getByRole("alert").filter({ hasText: "cannot read" })).toHaveCount(0);
    });
  }

  test("unreadable paging falls back to the first page", async ({ page }) => {
    const res = await page.goto(`/logs/authentication?page=%00&per_page=${"9".repeat(5000)}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Authentication" })).toBeVisible();
  });
});

test.describe("an account with no attempts", () => {
  test.use({ role: "empty_account" });

  test("shows the empty state with the headers to send", async ({ page }) => {
    await page.goto("/logs/authentication");
    await expect(page.getByRole("heading", { name: "No authentication attempts yet" })).toBeVisible();
    await expect(page.getByText("CF-Access-Client-Id")).toBeVisible();
    await expect(page.getByText("CF-Access-Client-Secret")).toBeVisible();
  });
});

test.describe("a Read only administrator", () => {
  test.use({ role: "read_only" });

  test("can read the log", async ({ page }) => {
    await page.goto("/logs/authentication");
    await expect(page.getByRole("heading", { level: 1, name: "Authentication" })).toBeVisible();
    await expect(page.getByText("This link has filters")).toHaveCount(0);
  });
});

test("a running grace shows the old secret's last use and ends on demand", async ({ page, pageAs, uniqueName }) => {
  const token = await newToken(page, uniqueName("Grace"));
  // A rotation with a grace period of one hour, as rotate would store it.
  await sql().query(
    `UPDATE service_tokens SET previous_secret_hash = repeat('0', 64), previous_secret_expires_at = now() + interval '1 hour',
            client_secret_version = 2 WHERE id = $1`,
    [token.id],
  );
  await page.goto(`/service-tokens/${token.id}`);
  const grace = detail(page, "Previous secret valid until");
  await expect(grace).toContainText("Old secret not used since rotation");

  await sql().query(
    "UPDATE service_tokens SET previous_secret_last_seen_at = now() - interval '3 minutes', previous_secret_last_seen_ip = '10.0.0.7' WHERE id = $1",
    [token.id],
  );
  await page.reload();
  await expect(grace).toContainText(/Old secret last used 3 minutes ago from 10\.0\.0\.7/);
  await expect(detail(page, "Last seen")).toHaveText("Never");
  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) await page.screenshot({ path: path.join(shots, "token-grace.png"), fullPage: true });

  // Read only sees the line, not the button.
  const reader = await pageAs("read_only");
  await reader.goto(`/service-tokens/${token.id}`);
  await expect(detail(reader, "Previous secret valid until")).toContainText("from 10.0.0.7");
  await expect(reader.getByRole("button", { name: "End grace now" })).toHaveCount(0);

  await grace.getByRole("button", { name: "End grace now" }).click();
  const confirm = page.getByRole("alertdialog", { name: "End the grace period" });
  await expect(confirm).toContainText("The previous secret stops working immediately");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect((await storedToken({ id: token.id }))!.previous_client_secret_expires_at).not.toBeNull();

  await grace.getByRole("button", { name: "End grace now" }).click();
  await confirm.getByRole("button", { name: "End grace now" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Grace period ended")).toBeVisible();
  await expect(page.getByText(/Old secret last used/)).toHaveCount(0);
  await expect(detail(page, "Previous secret valid until")).toHaveCount(0);

  const { rows } = await sql().query(
    "SELECT previous_secret_hash, previous_secret_expires_at, previous_secret_last_seen_at, previous_secret_last_seen_ip FROM service_tokens WHERE id = $1",
    [token.id],
  );
  expect(rows[0]).toEqual({ previous_secret_hash: null, previous_secret_expires_at: null, previous_secret_last_seen_at: null, previous_secret_last_seen_ip: null });
});

test("long names truncate with the full text on hover, and the table scrolls inside its card", async ({ page, uniqueName }) => {
  const name = uniqueName("Long").padEnd(255, "n");
  const token = await newToken(page, name);
  const appName = uniqueName("Long app").padEnd(255, "a");
  const label = (c: string) => c.repeat(63);
  const host = `${label("d")}.${label("e")}.${randomBytes(6).toString("hex")}.example.io`;
  const appDomain = `${host}/${"p".repeat(254 - host.length)}`;
  const appId = randomUUID();
  await sql().query(
    `INSERT INTO access_apps (id, account_id, aud, name, domain, domain_host) VALUES ($1, $2, $3, $4, $5, $6)`,
    [appId, token.accountId, randomBytes(32).toString("hex"), appName, appDomain, host],
  );
  const ua = `Mozilla/5.0 ${"x".repeat(480)}`;
  await insertLogs(token.accountId, [
    { allowed: true, reason: "ok", serviceTokenId: token.id, clientId: token.clientId, appId, appDomain, ip: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", userAgent: ua, count: 1234, secondsAgo: 5 },
    { allowed: false, reason: "jwt_not_accepted", serviceTokenId: token.id, clientId: token.clientId, appId, appDomain, userAgent: ua, secondsAgo: 4 },
  ]);
  expect(name).toHaveLength(255);
  expect(appName).toHaveLength(255);
  expect(appDomain).toHaveLength(255);

  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) mkdirSync(shots, { recursive: true });
  try {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/logs/authentication?token=${token.id}`);
      await expect(bodyRows(page)).toHaveCount(2);
      const row = bodyRows(page).first();
      for (const [text, role] of [
        [name, "link"],
        [appDomain, "link"],
      ] as const) {
        const el = row.getByRole(role, { name: text, exact: true });
        await expect(el).toHaveAttribute("title", text);
        // Cut by CSS, not in the text: the width it shows is much less than its content.
        const { client, scroll } = await el.evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth }));
        expect(scroll, `${text.slice(0, 12)}… is truncated at ${width}px`).toBeGreaterThan(client);
      }
      await expect(row.getByText(appName, { exact: true })).toHaveAttribute("title", appName);
      await expect(row.getByText(ua, { exact: true })).toHaveAttribute("title", ua);
      await expect(bodyRows(page).filter({ hasText: "Allowed" })).toContainText("×1,234");
      // The page's content never scrolls sideways; the table does, inside its card, when it must.
      // (Measured on <main>: below ~600 px the dashboard's fixed sidebar and header are wider than
      // the window, which is the shell's business, not this page's.)
      const main = await page.locator("main").evaluate((e) => e.scrollWidth - e.clientWidth);
      expect(main, `overflow of <main> at ${width}px`).toBeLessThanOrEqual(0);
      const scroller = await logTable(page).evaluate((t) => ({ client: t.parentElement!.clientWidth, scroll: t.parentElement!.scrollWidth }));
      if (width >= 1280) expect(scroller.scroll, `the table fits its card at ${width}px`).toBeLessThanOrEqual(scroller.client);
      else expect(scroller.scroll, `the table scrolls inside its card at ${width}px`).toBeGreaterThan(scroller.client);
      if (shots) await page.screenshot({ path: path.join(shots, `authentication-log-${width}.png`), fullPage: true });
    }
  } finally {
    await sql().query("DELETE FROM access_apps WHERE id = $1", [appId]);
  }
});
