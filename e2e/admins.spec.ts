import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eState } from "./support/state";

// Settings > Administrators (Super Administrator only): adding administrators of the other roles,
// who then sign in and see what their role allows; the last Super Administrator; a password reset;
// a removal.

test.use({ role: "super_admin" });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const adminRow = (page: Page, email: string) => page.getByRole("row").filter({ hasText: email });

function emailFor(uniqueName: (label: string) => string, label: string): string {
  return `${uniqueName(label).replace(/\s+/g, "-").toLowerCase()}@e2e.gatepost.test`;
}

async function openAdmins(page: Page): Promise<void> {
  await page.goto("/settings/admins");
  await expect(page.getByRole("heading", { level: 1, name: "Administrators" })).toBeVisible();
}

/** Fills Add administrator; `password` null: a generated one. */
async function addAdmin(page: Page, email: string, role: string, password: string | null): Promise<void> {
  await page.getByRole("button", { name: "Add administrator", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Add administrator" });
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByRole("radio", { name: role, exact: true }).check();
  if (password !== null) {
    await form.getByRole("radio", { name: "Type a password" }).check();
    await form.getByLabel("Password", { exact: true }).fill(password);
  } else {
    await expect(form.getByRole("radio", { name: "Generate a password" })).toBeChecked();
  }
  await form.getByRole("button", { name: "Add administrator", exact: true }).click();
  await expect(form).toBeHidden();
}

/** Reads the generated password from the one-time reveal, copies it, and closes the reveal. */
async function readReveal(page: Page, title: string): Promise<string> {
  const reveal = page.getByRole("dialog", { name: title });
  await expect(reveal).toBeVisible();
  await expect(reveal.getByRole("alert")).toContainText("only time the password will be shown");
  const password = (await reveal.locator("pre").nth(1).textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  await reveal.getByRole("button", { name: "Copy password" }).click();
  await expect.poll(() => clipboard(page)).toBe(password);
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  await expect(reveal).toBeHidden();
  expect(await page.content()).not.toContain(password);
  return password;
}

/** Signs in through the sign-in page in a fresh browser context: the page, or null when refused. */
async function signIn(browser: Browser, baseURL: string, email: string, password: string): Promise<Page | null> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const outcome = await Promise.race([
    // Home (the Overview) or wherever sign-in sends them: anywhere but the sign-in page.
    page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 20_000 }).then(() => "in" as const),
    page.getByText("Email or password is incorrect.").waitFor({ timeout: 20_000 }).then(() => "refused" as const),
  ]);
  if (outcome === "in") return page;
  await context.close();
  return null;
}

async function openRowAction(page: Page, email: string, item: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${email}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("a Super Administrator adds an Access Administrator and a Read only one, who see what their roles allow", async ({ page, browser, baseURL, uniqueName }) => {
  test.setTimeout(120_000);
  const accessEmail = emailFor(uniqueName, "access");
  const readOnlyEmail = emailFor(uniqueName, "readonly");
  const typed = `typed-${Date.now()}-password`;

  await openAdmins(page);
  await expect(adminRow(page, e2eState().admins.super_admin.email)).toContainText("(you)");

  await addAdmin(page, accessEmail, "Access Administrator", typed);
  await expect(page.getByRole("dialog", { name: "Administrator added" })).toHaveCount(0);
  await expect(adminRow(page, accessEmail)).toContainText("Access Administrator");
  await expect(adminRow(page, accessEmail)).toContainText("Never");
  await expect(adminRow(page, accessEmail)).not.toContainText("(you)");

  await addAdmin(page, readOnlyEmail, "Read only", null);
  const generated = await readReveal(page, "Administrator added");
  await expect(adminRow(page, readOnlyEmail)).toContainText("Read only");

  // The newest first; sorted by email on request.
  await page.getByRole("button", { name: "Email" }).click();
  await expect(page).toHaveURL(/sort=email/);

  const access = await signIn(browser, baseURL!, accessEmail, typed);
  expect(access, "the Access Administrator signs in with the typed password").not.toBeNull();
  await access!.goto("/service-tokens");
  await expect(access!.getByRole("button", { name: "Create Service Token" }).first()).toBeVisible();
  await access!.goto("/settings");
  const nav = access!.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "General" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administrators" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "API Tokens" })).toHaveCount(0);
  // A page the role may not see sends it home, the Overview.
  await access!.goto("/settings/admins");
  await expect(access!).toHaveURL(/:\d+\/$/);

  const readOnly = await signIn(browser, baseURL!, readOnlyEmail, generated);
  expect(readOnly, "the Read only administrator signs in with the generated password").not.toBeNull();
  await readOnly!.goto("/service-tokens");
  await expect(readOnly!.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
  // "Create …", not the sort button of the "Created" column, which the list has once another test
  // has made a token (before, the page is its empty state: run first, /^Create/ passed).
  await expect(readOnly!.getByRole("button", { name: /^Create\b/ })).toHaveCount(0);
  await readOnly!.goto("/applications");
  await expect(readOnly!.getByRole("heading", { level: 1, name: "Applications" })).toBeVisible();
  await expect(readOnly!.getByRole("button", { name: /^Create\b/ })).toHaveCount(0);
  await readOnly!.goto("/settings/admins");
  await expect(readOnly!).toHaveURL(/:\d+\/$/);

  // The added administrators' creation is in Logs > Audit.
  await page.goto(`/logs/audit?q=${encodeURIComponent(readOnlyEmail)}`);
  await expect(page.getByRole("row").filter({ hasText: readOnlyEmail }).first()).toContainText("Created");
});

test("the last Super Administrator can be neither demoted nor removed", async ({ page }) => {
  const me = e2eState().admins.super_admin.email;
  await openAdmins(page);

  await openRowAction(page, me, "Change role");
  const form = page.getByRole("dialog", { name: "Change role" });
  await form.getByRole("radio", { name: "Access Administrator" }).check();
  await form.getByRole("button", { name: "Change role", exact: true }).click();
  await expect(form).toContainText(`${me} is the last Super Administrator`);
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(form).toBeHidden();

  await openRowAction(page, me, "Remove");
  const confirm = page.getByRole("alertdialog", { name: "Remove administrator" });
  await expect(confirm).toContainText("This is you");
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText(`${me} is the last Super Administrator`).first()).toBeVisible();
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();

  await page.reload();
  await expect(adminRow(page, me)).toContainText("Super Administrator");
});

test("a password reset ends the old password, and a removed administrator can no longer sign in", async ({ page, browser, baseURL, uniqueName }) => {
  // Six sign-ins, each a password hash: under a full run's load one took 14 s, and the whole test
  // reached its last step at 119 s. The limit is a hang guard, not a speed claim.
  test.setTimeout(240_000);
  const email = emailFor(uniqueName, "reset");
  const first = `first-${Date.now()}-password`;
  const second = `second-${Date.now()}-password`;
  await openAdmins(page);
  await addAdmin(page, email, "Access Administrator", first);
  await expect(adminRow(page, email)).toBeVisible();

  // A signed-in session of theirs, to see it end with the reset.
  const beforeReset = await signIn(browser, baseURL!, email, first);
  expect(beforeReset).not.toBeNull();

  await openRowAction(page, email, "Reset password");
  const reset = page.getByRole("dialog", { name: "Reset password" });
  await reset.getByRole("radio", { name: "Type a password" }).check();
  await reset.getByLabel("Password", { exact: true }).fill("short");
  await reset.getByRole("button", { name: "Reset password", exact: true }).click();
  await expect(reset).toContainText("Use at least 10 characters.");
  await reset.getByLabel("Password", { exact: true }).fill(second);
  await reset.getByRole("button", { name: "Reset password", exact: true }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByText(`Password of ${email} reset`)).toBeVisible();

  await beforeReset!.goto("/service-tokens");
  await expect(beforeReset!, "a reset ends their open sessions").toHaveURL(/\/sign-in/);
  expect(await signIn(browser, baseURL!, email, first), "the old password is refused").toBeNull();
  expect(await signIn(browser, baseURL!, email, second), "the new password works").not.toBeNull();

  // A generated one, from the reveal.
  await openRowAction(page, email, "Reset password");
  await page.getByRole("dialog", { name: "Reset password" }).getByRole("button", { name: "Reset password", exact: true }).click();
  const generated = await readReveal(page, "Password reset");
  expect(await signIn(browser, baseURL!, email, second), "the typed password is refused").toBeNull();
  // A session of theirs, and a copy of its cookie, to see both end with the removal.
  const session = await signIn(browser, baseURL!, email, generated);
  expect(session).not.toBeNull();
  const copied = await session!.context().cookies();

  await openRowAction(page, email, "Remove");
  const confirm = page.getByRole("alertdialog", { name: "Remove administrator" });
  await expect(confirm).toContainText(email);
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(adminRow(page, email)).toHaveCount(0);

  expect(await signIn(browser, baseURL!, email, generated), "a removed administrator cannot sign in").toBeNull();
  await session!.goto("/service-tokens");
  await expect(session!, "their open session ends at its next request").toHaveURL(/\/sign-in/);
  const replay = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  await replay.addCookies(copied);
  const replayed = await replay.newPage();
  await replayed.goto("/service-tokens");
  await expect(replayed, "a copy of their cookie opens nothing").toHaveURL(/\/sign-in/);
  await replay.close();
});
