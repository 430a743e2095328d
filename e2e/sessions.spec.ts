import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { cli } from "../tests/harness/processes";
import { expect, test } from "./fixtures";
import { e2eState } from "./support/state";

// Dashboard sessions end on the server: a session cookie copied before signing out, before a
// password change elsewhere, or before the administrator's removal opens nothing afterwards.
// Each test signs in an administrator of its own: ending the shared ones' sessions would sign out
// every other test.

test.use({ storageState: { cookies: [], origins: [] } });

interface Admin {
  email: string;
  password: string;
}

async function newAdmin(label: string): Promise<Admin> {
  const admin = { email: `${label}-${randomBytes(4).toString("hex")}@e2e.gatepost.test`, password: `pw-${randomBytes(9).toString("hex")}` };
  await cli(e2eState().dataDir, ["admin", "create", "--email", admin.email, "--password", admin.password, "--role", "access_admin"]);
  return admin;
}

async function signIn(page: Page, admin: Admin, password = admin.password): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signedIn(browser: Browser, admin: Admin): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: e2eState().baseURL });
  const page = await context.newPage();
  await signIn(page, admin);
  // Checking a password hash takes a moment on a busy machine.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { context, page };
}

/** A fresh browser holding only `cookies` (copied from another): where does it land? */
async function replay(browser: Browser, cookies: Cookie[]): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eState().baseURL });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto("/service-tokens");
  return page;
}

async function openAccountMenu(page: Page, admin: Admin) {
  await page.getByRole("button", { name: new RegExp(admin.email.replace(/[.]/g, "\\.")) }).click();
}

test("signing out ends the session on the server: its cookie, replayed, gets the sign-in page", async ({ browser }) => {
  const admin = await newAdmin("sign-out");
  const { context, page } = await signedIn(browser, admin);
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);

  // The copy works while the session lasts.
  const before = await replay(browser, copied);
  await expect(before.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  await before.context().close();

  await openAccountMenu(page, admin);
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const after = await replay(browser, copied);
  await expect(after).toHaveURL(/\/sign-in/);
  await expect(after.getByRole("button", { name: "Sign in" })).toBeVisible();
  await after.context().close();
  await context.close();
});

test("changing the password needs the current one, ends the other sessions, keeps this one, and the old password stops working", async ({ browser }) => {
  const admin = await newAdmin("password");
  const here = await signedIn(browser, admin);
  const elsewhere = await signedIn(browser, admin);
  const elsewhereCookies = await elsewhere.context.cookies();
  const next = `new-${randomBytes(9).toString("hex")}`;

  await openAccountMenu(here.page, admin);
  await here.page.getByRole("menuitem", { name: "Change password" }).click();
  const dialog = here.page.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill("not the password at all");
  await dialog.getByLabel("New password", { exact: true }).fill(next);
  await dialog.getByLabel("Confirm new password").fill(next);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText("Current password is not your current password")).toBeVisible({ timeout: 20_000 });

  await dialog.getByLabel("Current password").fill(admin.password);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(here.page.getByText("Password changed. 1 other session was signed out.")).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toBeHidden();
  // Focus goes back to the account menu's button.
  await expect(here.page.getByRole("button", { name: new RegExp(admin.email.replace(/[.]/g, "\\.")) })).toBeFocused();

  // This session goes on; the other one, and a copy of its cookie, get the sign-in page.
  await here.page.reload();
  await expect(here.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(here.page).not.toHaveURL(/\/sign-in/);
  await elsewhere.page.goto("/service-tokens");
  await expect(elsewhere.page).toHaveURL(/\/sign-in/);
  const replayed = await replay(browser, elsewhereCookies);
  await expect(replayed).toHaveURL(/\/sign-in/);

  // The old password no longer signs in; the new one does.
  await signIn(replayed, admin);
  await expect(replayed.getByText("Email or password is incorrect.")).toBeVisible({ timeout: 20_000 });
  await signIn(replayed, admin, next);
  await expect(replayed.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(replayed).not.toHaveURL(/\/sign-in/);
  await Promise.all([here.context.close(), elsewhere.context.close(), replayed.context().close()]);
});
