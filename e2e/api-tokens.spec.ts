import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import pg from "pg";
import { e2eState, type E2eRole } from "./support/state";
import { utcDate } from "./support/service-tokens";

// Settings > API Tokens (Super Administrator only) and Settings > General, by role.

const API_TOKEN = /^[A-Za-z0-9_-]{40}$/;
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const tokenRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

async function openApiTokens(page: Page): Promise<void> {
  await page.goto("/settings/api-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API Tokens" })).toBeVisible();
}

/** The account of one of the run's administrators, as the database has it. */
async function accountOf(role: E2eRole): Promise<string> {
  const client = new pg.Client({ connectionString: e2eState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ account_id: string }>("SELECT account_id FROM admins WHERE email = $1", [e2eState().admins[role].email]);
    return rows[0].account_id;
  } finally {
    await client.end();
  }
}

async function verify(request: APIRequestContext, token: string) {
  const res = await request.get("/client/v4/user/tokens/verify", { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status(), body: (await res.json()) as { success: boolean; result: { status?: string; expires_on?: string } | null } };
}

test.describe("a Super Administrator", () => {
  test.use({ role: "super_admin" });

  test("creates an API token that is shown once, works against the API, and stops working once revoked", async ({ page, request, uniqueName, saveScreenshot }) => {
    const name = uniqueName("API token");
    // The end of a day 30 days from now (UTC), as the date picker sets it.
    const expiryDay = new Date(Date.now() + 30 * 86_400_000);
    const expiresOn = expiryDay.toISOString().slice(0, 10);

    await openApiTokens(page);
    await page.getByRole("button", { name: "Create API token", exact: true }).click();
    const form = page.getByRole("dialog", { name: "Create API token" });
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("checkbox", { name: "Access: Service Tokens Read" }).check();
    await form.getByRole("checkbox", { name: "Access: Apps and Policies Write" }).check();
    await form.getByLabel("Expiry date").fill(expiresOn);
    await form.getByRole("button", { name: "Create token" }).click();

    const reveal = page.getByRole("dialog", { name: "API token created" });
    await expect(reveal).toBeVisible();
    await expect(reveal.getByRole("alert")).toContainText("only time the token will be shown");
    const value = (await reveal.getByText(API_TOKEN).textContent())!.trim();
    expect(value).toMatch(API_TOKEN);
    const accountId = await accountOf("super_admin");
    await expect(reveal.getByText(accountId, { exact: true })).toBeVisible();
    // A request for this account that the token's first permission group allows.
    const listPath = `/client/v4/accounts/${accountId}/access/service_tokens`;
    await expect(reveal).toContainText(`curl -H "Authorization: Bearer ${value}" ${e2eState().baseURL}${listPath}`);
    await saveScreenshot(page, "api-token-reveal");

    await reveal.getByRole("button", { name: "Copy API token" }).click();
    await expect.poll(() => clipboard(page)).toBe(value);
    await reveal.getByRole("button", { name: "Copy account ID" }).click();
    await expect.poll(() => clipboard(page)).toBe(accountId);
    await reveal.getByRole("button", { name: "Copy curl command" }).click();
    await expect.poll(() => clipboard(page)).toBe(`curl -H "Authorization: Bearer ${value}" ${e2eState().baseURL}${listPath}`);

    await reveal.getByRole("button", { name: "Close", exact: true }).click();
    await expect(reveal).toBeHidden();
    expect(await page.content()).not.toContain(value);
    expect(page.url()).not.toContain(value);

    const listed = await request.get(listPath, { headers: { Authorization: `Bearer ${value}` } });
    expect(listed.status(), "the reveal's curl works").toBe(200);

    const ok = await verify(request, value);
    expect(ok.status).toBe(200);
    expect(ok.body.success).toBe(true);
    expect(ok.body.result?.status).toBe("active");
    expect(ok.body.result?.expires_on?.slice(0, 10)).toBe(expiresOn);

    await page.reload();
    const row = tokenRow(page, name);
    await expect(row).toContainText("Access: Service Tokens Read");
    await expect(row).toContainText("Access: Apps and Policies Write");
    await expect(row).not.toContainText("Access: Service Tokens Write");
    await expect(row).toContainText(utcDate(new Date(`${expiresOn}T23:59:59Z`)));
    await expect(row).toContainText(e2eState().admins.super_admin.email);
    // Last used (just now, by the verify call), Expires and Created are all dates.
    await expect(row.locator("time")).toHaveCount(3);
    expect(await page.content()).not.toContain(value);

    await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Revoke" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Revoke API token" });
    await expect(confirm).toContainText(name);
    await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(tokenRow(page, name)).toHaveCount(0);

    const refused = await verify(request, value);
    expect(refused.status).toBe(401);
    expect(refused.body.success).toBe(false);
  });

  test("a token needs a name and at least one permission group", async ({ page, uniqueName }) => {
    const name = uniqueName("Incomplete");
    await openApiTokens(page);
    await page.getByRole("button", { name: "Create API token", exact: true }).click();
    const form = page.getByRole("dialog", { name: "Create API token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form).toContainText("Enter a name.");
    await expect(form).toContainText("Choose at least one permission group.");
    await form.getByLabel("Token name").fill(name);
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form).not.toContainText("Enter a name.");
    await expect(form).toContainText("Choose at least one permission group.");
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(form).toBeHidden();
    await expect(tokenRow(page, name)).toHaveCount(0);
  });

  test("turns strict mode on and off, and the page says so after a reload", async ({ page }) => {
    await page.goto("/settings");
    const strict = page.getByRole("switch", { name: "Strict service token authentication" });
    await expect(strict).toBeVisible();
    const initially = (await strict.getAttribute("aria-checked")) === "true";
    try {
      for (const on of [!initially, initially]) {
        await strict.click();
        await expect(page.getByText(on ? "Strict mode turned on" : "Strict mode turned off")).toBeVisible();
        await page.reload();
        await expect(strict).toBeChecked({ checked: on });
      }
    } finally {
      // The setting is account-wide: leave it as it was for the other tests.
      if ((await strict.getAttribute("aria-checked")) !== String(initially)) await strict.click();
    }
  });

  test("sees API Tokens in the navigation", async ({ page }) => {
    await page.goto("/settings");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "General" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "API Tokens" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API Tokens" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "API Tokens" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "General" })).not.toHaveAttribute("aria-current", "page");
  });
});

test.describe("an Access Administrator", () => {
  test.use({ role: "access_admin" });

  test("cannot reach API Tokens nor change strict mode, but sets the key rotation interval", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "General" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API Tokens" })).toHaveCount(0);
    await expect(page.getByRole("switch")).toHaveCount(0);
    await expect(page.getByText("Only a Super Administrator can change this.")).toBeVisible();

    const interval = page.getByLabel("Rotation interval (days)");
    const before = await interval.inputValue();
    const next = before === "41" ? "40" : "41";
    try {
      await interval.fill("0");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText("Enter a whole number of days from 1 to 365.")).toBeVisible();
      await interval.fill(next);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByText(`Signing keys now rotate every ${next} days`)).toBeVisible();
      await page.reload();
      await expect(page.locator("dl > div").filter({ hasText: /^Rotation interval/ })).toContainText(`${next} days`);
    } finally {
      await interval.fill(before);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.locator("dl > div").filter({ hasText: /^Rotation interval/ })).toContainText(`${before} days`);
    }

    // A page the role may not see sends it home, to the Overview.
    const res = await page.goto("/settings/api-tokens");
    expect(res?.status()).toBe(200);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });
});

test.describe("a Read only administrator", () => {
  test.use({ role: "read_only" });

  test("sees the settings but no control that changes them, and cannot reach API Tokens", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "General" })).toBeVisible();
    await expect(page.getByRole("switch")).toHaveCount(0);
    await expect(page.getByTestId("strict-mode-state")).toHaveText(/^(On|Off)$/);
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(page.getByLabel("Rotation interval (days)")).toHaveCount(0);
    await expect(page.locator("dl > div").filter({ hasText: /^Rotation interval/ })).toContainText(/\d+ days?/);

    await page.goto("/settings/api-tokens");
    await expect(page).toHaveURL((url) => url.pathname === "/");
  });
});

test.describe("the account ID", () => {
  test.use({ role: "read_only" });

  test("is on Settings › General for every role, with a copy button and a ready request", async ({ page }) => {
    const accountId = await accountOf("read_only");
    await page.goto("/settings");
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Account ID" }) });
    await expect(card.getByText(accountId, { exact: true })).toBeVisible();
    await card.getByRole("button", { name: "Copy account ID" }).click();
    await expect.poll(() => clipboard(page)).toBe(accountId);
    const curl = `curl -H "Authorization: Bearer $API_TOKEN" ${e2eState().baseURL}/client/v4/accounts/${accountId}/access/service_tokens`;
    await expect(card.getByText(curl, { exact: true })).toBeVisible();
    await card.getByRole("button", { name: "Copy curl command" }).click();
    await expect.poll(() => clipboard(page)).toBe(curl);
  });
});
