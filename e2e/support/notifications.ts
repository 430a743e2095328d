import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { startScannerProcess, type ScannerProcess } from "../../tests/harness/alert-scanner";
import { e2eState } from "./state";

// The Notifications pages as a user sees them, and the one thing the dashboard cannot do itself:
// run the expiry-alert scan now (the run's server scans hourly). The scan runs as `npm start` runs
// it, in a scanner process of its own against the server's database (tests/helpers/alert-scanner-process.ts),
// so the history it leaves is the real path's: claims, deliveries, attempts.

export async function openNotificationsPage(page: Page, which: "Notifications" | "Destinations" | "History", query = ""): Promise<void> {
  const paths = { Notifications: "/notifications", Destinations: "/notifications/destinations", History: "/notifications/history" };
  await page.goto(`${paths[which]}${query}`);
  await expect(page.getByRole("heading", { level: 1, name: which })).toBeVisible();
}

export const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

/** Opens a row's "Actions for <name>" menu and picks an item. */
export async function notificationRowAction(page: Page, name: string, item: "Edit" | "Delete" | "Disable" | "Enable" | "Test"): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

/** A row's item that asks for confirmation, confirmed; returns once the dialog has closed (the action succeeded). */
export async function confirmRowAction(page: Page, name: string, item: "Delete" | "Disable" | "Enable", title: string): Promise<void> {
  await notificationRowAction(page, name, item);
  const confirm = page.getByRole("alertdialog", { name: title });
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: item, exact: true }).click();
  // While it is open the page behind it is hidden from the accessibility tree: rows are not "gone" until it closes.
  await expect(confirm).toBeHidden();
}

/** Add webhook → name, URL, secret → Save. */
export async function addWebhook(page: Page, input: { name: string; url: string; secret?: string }): Promise<void> {
  await page.getByRole("button", { name: /^Add (your first )?webhook$/ }).first().click();
  const form = page.getByRole("dialog", { name: "Add webhook" });
  await form.getByLabel("Webhook name").fill(input.name);
  await form.getByLabel("URL").fill(input.url);
  if (input.secret) await form.getByLabel(/^Secret/).fill(input.secret);
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`Destination “${input.name}” added`)).toBeVisible();
}

/** Add → Expiring Access Service Token → the form, left open for the test to fill. */
export async function startAddNotification(page: Page) {
  await page.getByRole("button", { name: /^Add( your first notification)?$/ }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add notification" });
  await expect(dialog).toContainText("Select the alert to be notified of");
  await dialog.getByRole("button", { name: "Select Expiring Access Service Token Alert" }).click();
  await expect(dialog.getByLabel("Notification name")).toBeVisible();
  return dialog;
}

/**
 * A scanner against the run's database, scanning every second until stopped: what `npm start`
 * runs, with the server's AUTH_SECRET (webhook secrets are encrypted with it) and without SMTP.
 */
export function startScanner(): ScannerProcess {
  const { dataDir, databaseUrl, baseURL } = e2eState();
  return startScannerProcess({ databaseUrl, authSecret: readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim(), publicUrl: baseURL });
}
