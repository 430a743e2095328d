import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import type { Page } from "@playwright/test";
import { cli } from "../tests/harness/processes";
import { THEME_COOKIE } from "../lib/theme";
import { expect, test } from "./fixtures";
import { insertDelivery } from "./support/db";
import { DESKTOP, expectInViewport, PHONE } from "./support/layout";
import { SCREENSHOTS, shoot, shootDialog } from "./support/screenshots";
import { closeReveal, createServiceToken, longName } from "./support/service-tokens";
import { e2eState } from "./support/state";

// Every page at 1440 and 390 px, light and dark, with 255-character names in the data, into
// test-results/screenshots/ to be looked at. Each shot also asserts what a broken layout or theme
// would fail: the page's heading is visible, nothing scrolls sideways, the theme is painted.
// One context per size and theme; the data is seeded once per worker through the REST API. The
// set-up page, which exists only before the first administrator, is shot by e2e/setup.spec.ts.

test.use({ role: "super_admin" });

interface Seeded {
  tokenId: string;
  tokenName: string;
  appId: string;
  appName: string;
  policyName: string;
  adminEmail: string;
}

let seeded: Promise<Seeded> | undefined;

async function api<T>(page: Page, method: "GET" | "POST", url: string, token: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`/client/v4${url}`, { method, headers: { authorization: `Bearer ${token}` }, data: body });
  const json = (await res.json()) as { success: boolean; result: T; errors: unknown };
  expect(json.success, `${method} ${url}: ${JSON.stringify(json.errors)}`).toBe(true);
  return json.result;
}

/**
 * A token, a policy naming it, an application, a webhook destination and an alert policy, all with
 * 255-character names, made through the API.
 */
function seed(page: Page): Promise<Seeded> {
  seeded ??= (async () => {
    const tag = `Shot-${randomBytes(3).toString("hex")}`;
    const apiToken = (
      await cli(e2eState().dataDir, [
        "api-token", "create", "--name", longName(`${tag}-api`),
        "--permission", "Access: Service Tokens Write", "--permission", "Access: Apps and Policies Write", "--permission", "Notifications Write",
      ])
    ).split("\n").pop()!.trim();
    const [account] = await api<{ id: string }[]>(page, "GET", "/accounts", apiToken);
    const base = `/accounts/${account.id}/access`;
    const token = await api<{ id: string; name: string }>(page, "POST", `${base}/service_tokens`, apiToken, { name: longName(`${tag}-token`), duration: "8760h" });
    const policy = await api<{ id: string; name: string }>(page, "POST", `${base}/policies`, apiToken, {
      name: longName(`${tag}-policy`),
      decision: "non_identity",
      include: [{ service_token: { token_id: token.id } }],
    });
    const app = await api<{ id: string; name: string }>(page, "POST", `${base}/apps`, apiToken, {
      name: longName(`${tag}-app`),
      domain: `${tag.toLowerCase()}.screenshots.test`,
      policies: [policy.id],
    });
    // An administrator with an email of the longest kind (320 characters), through the CLI.
    const domain = "@screenshots.gatepost.test";
    const adminEmail = `${tag.toLowerCase()}-${"a".repeat(320 - tag.length - 1 - domain.length)}${domain}`;
    await cli(e2eState().dataDir, ["admin", "create", "--email", adminEmail, "--password", randomBytes(12).toString("hex"), "--role", "read_only"]);
    // Notifications: a webhook destination and an alert policy with 255-character names (the
    // policy sends to both, for that token), and a failed delivery of theirs in the History.
    const alerting = `/accounts/${account.id}/alerting/v3`;
    const webhook = await api<{ id: string; name: string; url: string }>(page, "POST", `${alerting}/destinations/webhooks`, apiToken, {
      name: longName(`${tag}-webhook`),
      url: `https://hooks.screenshots.test/services/${"T0".repeat(60)}`,
    });
    const alert = await api<{ id: string; name: string }>(page, "POST", `${alerting}/policies`, apiToken, {
      alert_type: "expiring_service_token_alert",
      name: longName(`${tag}-alert`),
      description: `Tells the on-call rotation before ${token.name} expires`,
      mechanisms: { email: [{ id: adminEmail }], webhooks: [{ id: webhook.id }] },
      filters: { days_before_expiration: ["30", "7", "1"], token_id: [token.id] },
    });
    await insertDelivery({
      policyId: alert.id,
      policyName: alert.name,
      serviceTokenId: token.id,
      serviceTokenName: token.name,
      target: webhook.url,
      targetName: webhook.name,
      status: "failed",
      error: "HTTP 502 from the webhook after 5 attempts",
    });
    return { tokenId: token.id, tokenName: token.name, appId: app.id, appName: app.name, policyName: policy.name, adminEmail };
  })();
  return seeded;
}

/** A detail page's audit trail: in each row, who did it stays clear of the action and the changes (a long actor name once ran over both). */
async function expectAuditRowsApart(page: Page, name: string): Promise<void> {
  const overlapping = await page.getByRole("list", { name: "Audit trail" }).evaluate((ol) => {
    const apart = (a: DOMRect, b: DOMRect) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    return [...ol.children].filter((li) => {
      const [badge, changes, who] = [...li.children].map((c) => c.getBoundingClientRect());
      const actor = li.children[2].firstElementChild!.getBoundingClientRect();
      return !apart(actor, badge) || !apart(actor, changes) || actor.right > who.right + 1;
    }).length;
  });
  expect(overlapping, `${name}: audit trail rows whose actor runs over its neighbours`).toBe(0);
}

for (const viewport of [DESKTOP, PHONE]) {
  for (const theme of ["light", "dark"] as const) {
    test.describe(`${viewport.width} px, ${theme}`, () => {
      test.use({ viewport });

      test("every page, and the dialogs of a long name", async ({ page, baseURL, browser, pageAs }) => {
        // A dozen pages and four dialogs in one context: more than one page's worth of time.
        test.setTimeout(300_000);
        const data = await seed(page);
        await page.context().addCookies([{ name: THEME_COOKIE, value: theme, url: baseURL! }]);

        const pages: [name: string, url: string, heading: string | RegExp][] = [
          ["overview", "/", "Overview"],
          ["service-tokens", "/service-tokens", "Service Tokens"],
          ["service-tokens-filtered", "/service-tokens?status=never_used", "Service Tokens"],
          ["service-token", `/service-tokens/${data.tokenId}`, data.tokenName],
          ["applications", "/applications", "Applications"],
          ["application", `/applications/${data.appId}`, data.appName],
          ["policies", "/policies", "Policies"],
          ["logs-authentication", "/logs/authentication", /Authentication/],
          ["logs-audit", "/logs/audit", /Audit/],
          ["settings-general", "/settings", /Settings|General/],
          ["settings-api-tokens", "/settings/api-tokens", "API Tokens"],
          ["settings-admins", "/settings/admins", "Administrators"],
          ["notifications", "/notifications", "Notifications"],
          ["notifications-destinations", "/notifications/destinations", "Destinations"],
          ["notifications-history", "/notifications/history", "History"],
          ["not-found-token", `/service-tokens/${randomUUID()}`, "Service token not found"],
          ["not-found-page", "/no-such-page", "Page not found"],
        ];
        for (const [name, url, heading] of pages) {
          await page.goto(url);
          await shoot(page, theme, name, heading);
          if (name === "service-token" || name === "application") await expectAuditRowsApart(page, name);
        }

        // The dialogs, with a 255-character name: the reveal (and its toast), a row's menu, a confirmation.
        await page.goto("/service-tokens");
        const { dialog, name } = await createServiceToken(page, longName(`Shot-${randomBytes(3).toString("hex")}-reveal`));
        await shootDialog(page, theme, "dialog-reveal", dialog, ["Close", "Copy Client Secret"]);
        await closeReveal(dialog);
        await page.goto(`/service-tokens?q=${encodeURIComponent(name)}`);
        await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
        const menu = page.getByRole("menu", { name: `Actions for ${name}` });
        await expect(menu).toBeVisible();
        await expectInViewport(page, menu, "the row menu");
        await page.screenshot({ path: path.join(SCREENSHOTS, `dialog-row-menu-${viewport.width}-${theme}.png`) });
        await menu.getByRole("menuitem", { name: "Delete" }).click();
        const confirm = page.getByRole("alertdialog", { name: "Delete service token" });
        await shootDialog(page, theme, "dialog-delete", confirm, ["Cancel", "Delete"]);
        await confirm.getByRole("button", { name: "Delete", exact: true }).click();
        await expect(confirm).toBeHidden();

        // The account menu's Change password, its problems shown.
        await page.getByRole("button", { name: /e2e\.gatepost\.test/ }).click();
        await page.getByRole("menuitem", { name: "Change password" }).click();
        const password = page.getByRole("dialog", { name: "Change password" });
        await password.getByLabel("New password", { exact: true }).fill("short");
        await password.getByRole("button", { name: "Change password" }).click();
        await shootDialog(page, theme, "dialog-change-password", password, ["Cancel", "Change password"]);
        await password.getByRole("button", { name: "Cancel" }).click();
        await expect(password).toBeHidden();
        // An administrator's dialogs, with a 320-character email.
        await page.goto("/settings/admins?sort=email&order=asc&per_page=100");
        await page.getByRole("button", { name: `Actions for ${data.adminEmail}`, exact: true }).click();
        await page.getByRole("menuitem", { name: "Change role" }).click();
        await shootDialog(page, theme, "dialog-admin-role", page.getByRole("dialog", { name: "Change role" }), ["Cancel", "Change role"]);
        await page.getByRole("dialog", { name: "Change role" }).getByRole("button", { name: "Cancel" }).click();
        await page.getByRole("button", { name: `Actions for ${data.adminEmail}`, exact: true }).click();
        await page.getByRole("menuitem", { name: "Remove" }).click();
        await shootDialog(page, theme, "dialog-admin-remove", page.getByRole("alertdialog", { name: "Remove administrator" }), ["Cancel", "Remove"]);
        await page.getByRole("alertdialog", { name: "Remove administrator" }).getByRole("button", { name: "Cancel" }).click();
        await page.getByRole("button", { name: "Add administrator", exact: true }).click();
        await shootDialog(page, theme, "dialog-admin-add", page.getByRole("dialog", { name: "Add administrator" }), ["Cancel", "Add administrator"]);
        await page.getByRole("dialog", { name: "Add administrator" }).getByRole("button", { name: "Cancel" }).click();

        if (viewport === PHONE) {
          await page.getByRole("button", { name: "Open navigation" }).click();
          const drawer = page.getByRole("dialog", { name: "Navigation" });
          await expect(drawer.getByRole("link", { name: "Service Tokens" })).toBeVisible();
          await page.screenshot({ path: path.join(SCREENSHOTS, `navigation-${viewport.width}-${theme}.png`) });
          await page.keyboard.press("Escape");
        }

        // The Overview of an account without tokens: its empty state.
        const empty = await pageAs("empty_account");
        await empty.context().addCookies([{ name: THEME_COOKIE, value: theme, url: baseURL! }]);
        await empty.goto("/");
        await shoot(empty, theme, "overview-empty", "Overview");

        // Signed out: the sign-in page in the same theme (set-up: e2e/setup.spec.ts).
        // An empty storageState: browser.newContext() in a test otherwise signs in like the test's own context.
        const signedOut = await browser.newContext({ baseURL, viewport, storageState: { cookies: [], origins: [] } });
        await signedOut.addCookies([{ name: THEME_COOKIE, value: theme, url: baseURL! }]);
        const signIn = await signedOut.newPage();
        await signIn.goto("/sign-in");
        await shoot(signIn, theme, "sign-in", /Sign in/);
        await signedOut.close();
      });
    });
  }
}
