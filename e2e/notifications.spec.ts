import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startHttpSink, type HttpSink } from "../tests/harness/alert-sinks";
import { expect, test } from "./fixtures";
import { alertPolicyId, auditActions, insertDelivery, setWebhookResults } from "./support/db";
import {
  addWebhook,
  confirmRowAction,
  notificationRowAction,
  openNotificationsPage,
  rowOf,
  startAddNotification,
  startScanner,
} from "./support/notifications";
import { closeReveal, openServiceTokens, revealDialog } from "./support/service-tokens";
import { e2eState } from "./support/state";

// Notifications in the dashboard: webhook destinations with their Test, alert policies (Add as
// Cloudflare describes it, Edit, Disable, Delete) and the delivery history, against a real HTTP
// receiver; the history is the real scan's. The run's server has no SMTP: every page says so.

let sink: HttpSink;

test.beforeAll(async () => {
  sink = await startHttpSink();
});

test.afterAll(async () => {
  await sink?.close();
});

const hookPath = (name: string) => `/hook/${encodeURIComponent(name)}`;

test("a destination tested, a notification that sends to it, and its deliveries in the history", async ({ page, uniqueName }) => {
  // Some thirty page loads and a scanner process started from scratch: minutes on a busy machine.
  test.setTimeout(360_000);
  const prefix = uniqueName("Notify");
  const destination = `${prefix} hook`;
  const url = `${sink.url}${hookPath(prefix)}`;

  // Destinations: add one with a secret, then Test it.
  await openNotificationsPage(page, "Destinations");
  await addWebhook(page, { name: destination, url, secret: "e2e-hook-secret" });
  const destinationRow = rowOf(page, destination);
  await expect(destinationRow).toContainText(url);
  await expect(destinationRow).toContainText("Set");
  await expect(destinationRow).not.toContainText("e2e-hook-secret");

  await notificationRowAction(page, destination, "Test");
  const test_ = page.getByRole("dialog", { name: "Test webhook" });
  await test_.getByRole("button", { name: "Send test message" }).click();
  await expect(test_.getByRole("status")).toContainText("Delivered: HTTP 200");
  const tested = sink.accepted.filter((r) => r.path === hookPath(prefix));
  expect(tested).toHaveLength(1);
  expect(tested[0].headers["cf-webhook-auth"]).toBe("e2e-hook-secret");
  expect(tested[0].json.text).toContain("Test message from Gatepost");

  // A receiver that fails: the answer says so, and the destination keeps a last failure.
  sink.script(hookPath(prefix), [500]);
  await test_.getByRole("button", { name: "Send again" }).click();
  await expect(test_.getByRole("status")).toContainText("Not delivered: HTTP 500");
  if (process.env.E2E_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOT_DIR, "notifications-test-1440.png") });
  await test_.getByRole("button", { name: "Close" }).click();
  await expect(test_).toBeHidden();
  await expect(destinationRow.locator("time")).toHaveCount(3); // last success, last failure, created

  // Edit: the secret is never shown, and an empty box keeps it.
  await notificationRowAction(page, destination, "Edit");
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel(/^Secret/)).toHaveValue("");
  await expect(edit).toContainText("Leave empty to keep the current secret");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(edit).toBeHidden();

  // A token that expires within the week, so that the scan alerts it.
  await openServiceTokens(page);
  const tokenName = `${prefix} expiring`;
  await page.getByRole("button", { name: "Create Service Token", exact: true }).click();
  const create = page.getByRole("dialog", { name: "Create Service Token" });
  await create.getByLabel("Name", { exact: true }).fill(tokenName);
  await create.getByLabel("Service Token Duration").selectOption({ label: "Custom…" });
  await create.getByLabel("Custom duration").fill("100h");
  await create.getByRole("button", { name: "Generate token" }).click();
  await closeReveal(revealDialog(page));

  // Add, as Cloudflare's seed describes it: the alert type, a name, a description, recipients.
  await openNotificationsPage(page, "Notifications");
  const form = await startAddNotification(page);
  const me = e2eState().admins.access_admin.email;
  await expect(form.getByRole("list", { name: "Email recipients" })).toContainText(me);
  await expect(form.getByRole("checkbox", { name: "7 days", exact: true })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "30 days", exact: true })).not.toBeChecked();
  await expect(form.getByRole("switch", { name: "Enabled" })).toBeChecked();
  const policy = `${prefix} policy`;
  await form.getByLabel("Notification name").fill(policy);
  await form.getByLabel(/^Description/).fill("Tokens of the e2e run");
  await form.getByRole("textbox", { name: /^Email recipients/ }).fill("not an address");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toContainText("Email recipient 2 must be an email address");
  await form.getByRole("textbox", { name: /^Email recipients/ }).fill("oncall@example.com");
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await form.getByRole("checkbox", { name: destination }).check();
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`Notification “${policy}” added`)).toBeVisible();
  const policyRow = rowOf(page, policy);
  await expect(policyRow).toContainText("7 days before");
  await expect(policyRow).toContainText(me);
  await expect(policyRow).toContainText("oncall@example.com");
  await expect(policyRow).toContainText(destination);
  await expect(policyRow).toContainText("Enabled");

  // Edit: another lead time.
  await notificationRowAction(page, policy, "Edit");
  const editPolicy = page.getByRole("dialog", { name: "Edit notification" });
  await expect(editPolicy.getByLabel("Notification name")).toHaveValue(policy);
  await editPolicy.getByRole("checkbox", { name: "30 days", exact: true }).check();
  await editPolicy.getByRole("button", { name: "Save", exact: true }).click();
  await expect(editPolicy).toBeHidden();
  await expect(policyRow).toContainText("30, 7 days before");

  // Disable, then enable again: each behind a confirmation.
  await confirmRowAction(page, policy, "Disable", "Disable notification");
  await expect(page.getByText(`Notification “${policy}” disabled`)).toBeVisible();
  await expect(policyRow).toContainText("Disabled");
  await confirmRowAction(page, policy, "Enable", "Enable notification");
  await expect(policyRow).toContainText("Enabled");

  // The scan, as npm start runs it: one webhook (with the secret) and two emails not sent (no SMTP).
  const scanner = startScanner();
  try {
    await expect
      // A scanner started from scratch (tsx compiling) beside the other worker's tests: once it
      // took over 90 s on a busy machine.
      .poll(() => sink.accepted.filter((r) => r.path === hookPath(prefix) && r.json?.data?.service_token_name === tokenName).length, { timeout: 180_000 })
      .toBe(1);
  } finally {
    await scanner.stop();
  }
  const alert = sink.accepted.find((r) => r.json?.data?.service_token_name === tokenName)!;
  expect(alert.headers["cf-webhook-auth"]).toBe("e2e-hook-secret");
  expect(alert.json.policy_name).toBe(policy);

  // History: filtered by the policy in the URL, then by mechanism.
  await openNotificationsPage(page, "History");
  await page.getByLabel("Filter by notification").selectOption({ label: policy });
  await expect(page).toHaveURL(/policy_id=[0-9a-f-]{36}/);
  const policyId = /policy_id=([0-9a-f-]{36})/.exec(page.url())![1];
  const rows = page.getByRole("row").filter({ hasText: tokenName });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: destination })).toContainText("Sent");
  await expect(rows.filter({ hasText: "oncall@example.com" })).toContainText("Not sent");
  await expect(rows.filter({ hasText: "oncall@example.com" })).toContainText("smtp_not_configured");
  await page.getByLabel("Filter by mechanism").selectOption({ label: "Webhook" });
  await expect(page).toHaveURL(/mechanism_type=webhook/);
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Filter by status").selectOption({ label: "Failed" });
  await expect(page.getByText("No deliveries match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(page).not.toHaveURL(/policy_id|mechanism_type|status/);

  // A destination a notification sends to cannot be deleted.
  await openNotificationsPage(page, "Destinations");
  await expect(rowOf(page, destination)).toContainText("1 notification");
  await notificationRowAction(page, destination, "Delete");
  const refused = page.getByRole("alertdialog", { name: "Delete webhook" });
  await expect(refused).toContainText("A notification sends to it: remove it from that notification first.");
  await expect(refused.getByRole("button", { name: "Delete", exact: true })).toBeDisabled();
  await refused.getByRole("button", { name: "Cancel" }).click();
  await expect(refused).toBeHidden();

  // Delete the policy (with confirmation): its history stays. Then its destination, now unused.
  await openNotificationsPage(page, "Notifications");
  await confirmRowAction(page, policy, "Delete", "Delete notification");
  await expect(page.getByText(`Notification “${policy}” deleted`)).toBeVisible();
  await expect(rowOf(page, policy)).toHaveCount(0);

  await openNotificationsPage(page, "Destinations");
  await confirmRowAction(page, destination, "Delete", "Delete webhook");
  await expect(rowOf(page, destination)).toHaveCount(0);

  // The deleted policy's deliveries, under its name; every change was audited as the API's are.
  await openNotificationsPage(page, "History", `?policy_id=${policyId}`);
  await expect(page.getByRole("row").filter({ hasText: tokenName })).toHaveCount(3);
  await expect(page.getByLabel("Filter by notification")).toHaveValue(policyId);
  expect(await auditActions(policyId)).toEqual(["alert_policy.create", "alert_policy.update", "alert_policy.update", "alert_policy.update", "alert_policy.delete"]);
});

test("the sidebar's Notifications links open each page, each marked as the current one", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  const steps = [
    ["All Notifications", "Notifications", "/notifications"],
    ["Destinations", "Destinations", "/notifications/destinations"],
    ["History", "History", "/notifications/history"],
  ] as const;
  for (const [link, heading, pathname] of steps) {
    await nav.getByRole("link", { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${pathname}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
    // "All Notifications" is current on its own page only, not on the pages below it.
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
  }
});

test("every Notifications page warns that email alerts are not sent without SMTP", async ({ page }) => {
  for (const which of ["Notifications", "Destinations", "History"] as const) {
    await openNotificationsPage(page, which);
    await expect(page.getByText("Email alerts are not sent: set SMTP_URL and SMTP_FROM — see README.")).toBeVisible();
  }
});

test("a history link with filters it cannot read says which, on the page, and links to the readable ones", async ({ page }) => {
  const response = await page.goto("/notifications/history?status=exploded&policy_id=%27%3B--&mechanism_type=webhook&per_page=50");
  expect(response?.status()).toBe(200);
  const problems = page.getByRole("alert").filter({ hasText: "cannot read" });
  await expect(problems).toContainText("This link has filters the history cannot read");
  await expect(problems).toContainText("Alert policy (policy_id) is not an alert policy id.");
  await expect(problems).toContainText("Status (status) must be one of pending, sent, failed, not_sent.");
  await expect(problems).not.toContainText("exploded");
  await problems.getByRole("link", { name: "Show the history without them" }).click();
  await expect(page).toHaveURL(/\/notifications\/history\?mechanism_type=webhook&per_page=50$/);
  await expect(page.getByLabel("Filter by mechanism")).toHaveValue("webhook");
});

test("255-character names truncate, with the whole name in their title, on all three pages at 1440 and 390 px", async ({ page, uniqueName }) => {
  test.setTimeout(240_000);
  const policy = uniqueName("Long notification").padEnd(255, "n");
  const destination = uniqueName("Long hook").padEnd(255, "h");
  const tokenName = uniqueName("Long token").padEnd(255, "t");
  await openNotificationsPage(page, "Destinations");
  await addWebhook(page, { name: destination, url: `${sink.url}/${"p".repeat(200)}`, secret: "long-secret" });
  // Dates in both result columns are the table's widest row (a new destination shows "Never").
  await setWebhookResults(destination, new Date("2026-12-31T12:00:00Z"));
  await openNotificationsPage(page, "Notifications");
  const form = await startAddNotification(page);
  await form.getByLabel("Notification name").fill(policy);
  await form.getByLabel(/^Description/).fill("d".repeat(1024));
  await form.getByRole("checkbox", { name: destination }).check();
  await form.getByRole("switch", { name: "Enabled" }).click();
  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) mkdirSync(shots, { recursive: true });
  if (shots) await page.screenshot({ path: path.join(shots, "notifications-add-1440.png") });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
  const policyId = await alertPolicyId(policy);
  await insertDelivery({
    policyId,
    policyName: policy,
    serviceTokenId: randomUUID(),
    serviceTokenName: tokenName,
    target: randomUUID(),
    targetName: destination,
    status: "failed",
    error: `network error: ${"e".repeat(400)}`,
  });

  const pages = [
    ["Notifications", "", policy],
    ["Destinations", "", destination],
    ["History", `?policy_id=${policyId}`, tokenName],
  ] as const;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [which, query, name] of pages) {
      await openNotificationsPage(page, which, query);
      const el = page.getByRole("cell").getByText(name, { exact: true });
      await expect(el).toHaveAttribute("title", new RegExp(`^${name}`));
      const { client, scroll } = await el.evaluate((e) => ({ client: e.clientWidth, scroll: e.scrollWidth }));
      expect(scroll, `${which}: the name is cut at ${width}px`).toBeGreaterThan(client);
      // The page never scrolls sideways (the table may, inside its card); see authentication-log.spec.ts.
      const main = await page.locator("main").evaluate((e) => e.scrollWidth - e.clientWidth);
      expect(main, `${which}: overflow of <main> at ${width}px`).toBeLessThanOrEqual(0);
      if (width >= 1440) {
        const table = await page.getByRole("table").evaluate((t) => ({ client: t.parentElement!.clientWidth, scroll: t.parentElement!.scrollWidth }));
        expect(table.scroll, `${which}: the table fits its card at ${width}px`).toBeLessThanOrEqual(table.client);
      }
      if (shots) await page.screenshot({ path: path.join(shots, `notifications-${which.toLowerCase()}-${width}.png`), fullPage: true });
    }
  }
  if (shots) {
    await openNotificationsPage(page, "Notifications");
    await notificationRowAction(page, policy, "Edit");
    await expect(page.getByRole("dialog", { name: "Edit notification" })).toBeVisible();
    await page.screenshot({ path: path.join(shots, "notifications-edit-390.png") });
    await page.keyboard.press("Escape");
  }

  await openNotificationsPage(page, "Notifications");
  await confirmRowAction(page, policy, "Delete", "Delete notification");
  await expect(rowOf(page, policy)).toHaveCount(0);
  await openNotificationsPage(page, "Destinations");
  await confirmRowAction(page, destination, "Delete", "Delete webhook");
  await expect(rowOf(page, destination)).toHaveCount(0);
});

test.describe("an account without notifications", () => {
  test.use({ role: "empty_account" });

  test("shows each page's empty state, with the way to add the first one", async ({ page }) => {
    await openNotificationsPage(page, "Notifications");
    await expect(page.getByRole("heading", { name: "No notifications yet" })).toBeVisible();
    await page.getByRole("button", { name: "Add your first notification" }).click();
    await expect(page.getByRole("dialog", { name: "Add notification" })).toContainText("Expiring Access Service Token Alert");
    await page.keyboard.press("Escape");
    await openNotificationsPage(page, "Destinations");
    await expect(page.getByRole("heading", { name: "No webhook destinations yet" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add your first webhook" })).toBeVisible();
    await openNotificationsPage(page, "History");
    await expect(page.getByRole("heading", { name: "No alerts delivered yet" })).toBeVisible();
  });
});

test.describe("a Read only administrator", () => {
  test.use({ role: "read_only" });

  test("sees notifications, destinations and the history, but no control that changes them", async ({ page, pageAs, uniqueName }) => {
    test.setTimeout(180_000);
    const prefix = uniqueName("Read only notify");
    const writer = await pageAs("access_admin");
    await openNotificationsPage(writer, "Destinations");
    await addWebhook(writer, { name: `${prefix} hook`, url: `${sink.url}${hookPath(prefix)}` });
    await openNotificationsPage(writer, "Notifications");
    const form = await startAddNotification(writer);
    await form.getByLabel("Notification name").fill(`${prefix} policy`);
    // Disabled: it has nothing to alert in this test.
    await form.getByRole("switch", { name: "Enabled" }).click();
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await expect(form).toBeHidden();

    await openNotificationsPage(page, "Notifications");
    await expect(rowOf(page, `${prefix} policy`)).toContainText("7 days before");
    await expect(rowOf(page, `${prefix} policy`)).toContainText("Disabled");
    await expect(page.getByText("Read only access")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);

    await openNotificationsPage(page, "Destinations");
    await expect(rowOf(page, `${prefix} hook`)).toBeVisible();
    await expect(page.getByText("Read only access")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);

    await openNotificationsPage(page, "History");
    await expect(page.getByRole("button", { name: /^Add|^Actions for/ })).toHaveCount(0);

    // Clean up as the writer: the policy first (it names the destination).
    await openNotificationsPage(writer, "Notifications");
    await confirmRowAction(writer, `${prefix} policy`, "Delete", "Delete notification");
    await expect(rowOf(writer, `${prefix} policy`)).toHaveCount(0);
    await openNotificationsPage(writer, "Destinations");
    await confirmRowAction(writer, `${prefix} hook`, "Delete", "Delete webhook");
    await expect(rowOf(writer, `${prefix} hook`)).toHaveCount(0);
  });
});
