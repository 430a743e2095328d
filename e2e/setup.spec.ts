import { rmSync } from "node:fs";
import { expect, test } from "./fixtures";
import { THEME_COOKIE } from "../lib/theme";
import { TEST_DIST_DIR } from "../tests/harness/build";
import { startGatepost, type GatepostProcess } from "../tests/harness/gatepost";
import { makeDataDir } from "../tests/harness/processes";
import { DESKTOP, PHONE } from "./support/layout";
import { shoot } from "./support/screenshots";
import { expectPagePolicy } from "./support/security-headers";

// The one-time set-up page exists only while no administrator does: a server of its own, with an
// empty database. Each field says its own problem next to it, only when it has one; the page has
// the same protective headers as every other, and works under them. Its screenshots (see
// e2e/screenshots.spec.ts) are taken here, the one place it exists, before the form is sent.

let server: GatepostProcess;
let dataDir: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = makeDataDir("gatepost-e2e-setup-");
  server = await startGatepost({ dataDir, distDir: TEST_DIST_DIR, env: { ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined, NODE_ENV: undefined } });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test.use({ storageState: { cookies: [], origins: [] } });

test("the set-up page at 1440 and 390 px, light and dark, empty and with its problems shown", async ({ browser }) => {
  for (const viewport of [DESKTOP, PHONE]) {
    for (const theme of ["light", "dark"] as const) {
      const context = await browser.newContext({ viewport, storageState: { cookies: [], origins: [] } });
      await context.addCookies([{ name: THEME_COOKIE, value: theme, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/setup`);
      await shoot(page, theme, "setup", "Create the first administrator");
      await page.getByLabel("Email").fill("not-an-email");
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByLabel("Confirm password").fill("shorter");
      await page.getByRole("button", { name: "Create administrator" }).click();
      await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await shoot(page, theme, "setup-problems", "Create the first administrator");
      await context.close();
    }
  }
});

test("the set-up form shows each field's problem next to it, only for the fields that have one", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /content security policy|refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(`${server.url}/setup`);
  expect(res!.status()).toBe(200);
  expectPagePolicy(res!.headers(), "/setup");

  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password", { exact: true });
  const confirm = page.getByLabel("Confirm password");
  const submit = page.getByRole("button", { name: "Create administrator" });

  // Only the password is wrong: only the password says so.
  await email.fill("first@example.com");
  await password.fill("short");
  await confirm.fill("short");
  await submit.click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/^Use at least \d+ characters\.$/)).toBeVisible();
  await expect(email).not.toHaveAttribute("aria-invalid");
  await expect(confirm).not.toHaveAttribute("aria-invalid");
  await expect(page.getByText("The passwords do not match.")).toHaveCount(0);
  await expect(page.getByText("Enter an email address.")).toHaveCount(0);

  // Now only the confirmation: its message under it, the password's gone.
  await password.fill("a-long-enough-password");
  await confirm.fill("a-long-enough-passwort");
  await submit.click();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  const confirmError = page.getByText("The passwords do not match.");
  await expect(confirmError).toBeVisible();
  await expect(password).not.toHaveAttribute("aria-invalid");
  // Next to its field: the message is described by (and laid out under) the confirmation box.
  const describedBy = await confirm.getAttribute("aria-describedby");
  expect(await confirmError.getAttribute("id")).toBe(describedBy);

  await confirm.fill("a-long-enough-password");
  await submit.click();
  // Home: the Overview, at /.
  await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 30_000 });
  expect(violations).toEqual([]);
});
