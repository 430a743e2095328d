import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createApplication, domainFor, openApplicationPage, openApplications } from "./support/applications";
import { createAndClose, openServiceTokens, openTokenPage, rowAction } from "./support/service-tokens";

// Applications and reusable policies through the dashboard, as an Access Administrator unless a
// test says otherwise. Every test names its objects with uniqueName and opens the lists narrowed
// to them (?q=), so tests running in parallel never see each other's rows.

/** The table row that shows `name` (not the "No results for “…”" row, which quotes the search). */
const rowNamed = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name }).filter({ hasNotText: /^No results for/ });

async function openPolicies(page: Page, search?: string): Promise<void> {
  await page.goto(search === undefined ? "/policies" : `/policies?q=${encodeURIComponent(search)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
}

type RuleInput = { type: "Service Token"; token: string } | { type: "IP ranges" | "Emails" | "Emails ending in"; value: string } | { type: "Everyone" | "Any Access Service Token" };

/** Sets rule `n` (1-based) of a list in the open policy form, adding the row when it does not exist yet. */
async function setRule(form: Locator, page: Page, list: "Include" | "Require" | "Exclude", n: number, rule: RuleInput): Promise<void> {
  const selector = form.getByLabel(`${list} rule ${n} selector`);
  if ((await selector.count()) === 0) await form.getByRole("button", { name: `Add ${list.toLowerCase()} rule` }).click();
  await selector.selectOption({ label: rule.type });
  if (rule.type === "Service Token") {
    await form.getByRole("combobox", { name: `${list} rule ${n} service token` }).click();
    await page.getByRole("searchbox", { name: "Search service tokens" }).fill(rule.token);
    await page.getByRole("option", { name: new RegExp(rule.token) }).click();
    await expect(form.getByRole("combobox", { name: `${list} rule ${n} service token` })).toContainText(rule.token);
  } else if ("value" in rule) {
    await form.getByLabel(`${list} rule ${n} value`).fill(rule.value);
  }
}

/** Create policy → name, action, rules → Save; waits for the dialog to close. */
async function createPolicy(page: Page, name: string, action: "Allow" | "Block" | "Bypass" | "Service Auth", include: RuleInput[], more: { require?: RuleInput[] } = {}) {
  await openPolicies(page);
  await page.getByRole("button", { name: /^Create (your first )?policy$/ }).first().click();
  const form = page.getByRole("dialog", { name: "Create policy" });
  await form.getByLabel("Policy name").fill(name);
  await form.getByLabel("Action").selectOption({ label: action });
  for (const [i, rule] of include.entries()) await setRule(form, page, "Include", i + 1, rule);
  for (const [i, rule] of (more.require ?? []).entries()) await setRule(form, page, "Require", i + 1, rule);
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
}

/** The names in the application page's "Attached policies" table, in precedence order. */
async function attachedPolicyNames(page: Page): Promise<string[]> {
  const rows = page.getByRole("table", { name: "Attached policies" }).getByRole("row");
  const count = await rows.count();
  const names: string[] = [];
  for (let i = 1; i < count; i++) names.push((await rows.nth(i).getByRole("cell").nth(1).textContent())!.trim());
  return names;
}

test("a Service Auth policy naming a token protects an application, in the chosen precedence", async ({ page, uniqueName, saveScreenshot }) => {
  // Many steps, each a server round trip: more than the default timeout on a busy machine.
  test.slow();
  const prefix = uniqueName("Precedence");
  await openServiceTokens(page);
  const token = await createAndClose(page, `${prefix} token`);
  const serviceAuth = `${prefix} service auth`;
  const block = `${prefix} block`;
  await createPolicy(page, serviceAuth, "Service Auth", [{ type: "Service Token", token: token.name }], { require: [{ type: "IP ranges", value: "10.0.0.0/8" }] });
  await createPolicy(page, block, "Block", [{ type: "Emails ending in", value: "contractor.example.com" }]);

  await openPolicies(page, prefix);
  await expect(rowNamed(page, serviceAuth)).toContainText("Service Auth");
  await expect(rowNamed(page, serviceAuth)).toContainText(`Service Token: ${token.name}`);
  await expect(rowNamed(page, serviceAuth)).toContainText("IP ranges: 10.0.0.0/8");
  await expect(rowNamed(page, block)).toContainText("Block");
  await expect(rowNamed(page, block)).toContainText("Not used");

  // Added as Service Auth then Block; Block moved up to be evaluated first.
  const appName = `${prefix} app`;
  await openApplications(page);
  await page.getByRole("button", { name: /^Create (your first )?application$/ }).first().click();
  const form = page.getByRole("dialog", { name: "Create application" });
  await form.getByLabel("Application name").fill(appName);
  await form.getByLabel("Domain").fill(`${domainFor(prefix)}/api`);
  for (const policy of [serviceAuth, block]) {
    await form.getByLabel("Policy to add").selectOption({ label: policy });
    await form.getByRole("button", { name: "Add policy" }).click();
  }
  await form.getByRole("button", { name: `Move ${block} up` }).click();
  await form.getByLabel("Single header name").fill("X-Service-Token");
  await form.getByRole("switch", { name: "Return 401 for Service Auth" }).click();
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();

  await openApplications(page, prefix);
  const row = rowNamed(page, appName);
  await expect(row).toContainText(`${domainFor(prefix)}/api`);
  await expect(row).toContainText("2 policies");
  await expect(row).toContainText("24 hours");

  await openApplicationPage(page, appName);
  expect(await attachedPolicyNames(page)).toEqual([block, serviceAuth]);
  const aud = (await page.locator("dl > div").filter({ hasText: /Application Audience/ }).locator("code").textContent())!.trim();
  expect(aud).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.locator("dl > div").filter({ hasText: /^Single header name/ })).toContainText("X-Service-Token");
  await expect(page.locator("dl > div").filter({ hasText: /^Return 401 for Service Auth/ })).toContainText("Yes");
  await saveScreenshot(page, "application-page");

  // The token's page and its delete confirmation name where it is used, and what the delete does there.
  await openTokenPage(page, token.name);
  const usedBy = page.locator("section").filter({ has: page.getByRole("heading", { name: "Used by", exact: true }) });
  await expect(usedBy).toContainText(serviceAuth);
  await expect(usedBy.getByRole("link", { name: appName })).toBeVisible();
  await expect(page.getByText("No authentications yet")).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete service token" });
  await expect(confirm).toContainText(`Applications: ${appName}`);
  await expect(confirm).toContainText(`Policies: ${serviceAuth}`);
  await expect(confirm).toContainText("never used");
  await expect(confirm).toContainText("Deleting it also removes it from the rules of that policy.");
  // The policy required nothing else of a token: without it, it matches nothing (not every token from 10.0.0.0/8).
  await expect(confirm).toContainText("That policy will then match nothing until given a new rule");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Service token “${token.name}” deleted`)).toBeVisible();

  // Gone from the policy's rules, as the confirmation said: no "deleted token (…)" rule left behind.
  await openPolicies(page, prefix);
  const policyRow = rowNamed(page, serviceAuth);
  await expect(policyRow).toContainText("IP ranges: 10.0.0.0/8");
  await expect(policyRow).toContainText("No rule: matches nothing");
  await expect(policyRow).not.toContainText("deleted token");
  await expect(policyRow).not.toContainText("Service Token:");
  await openApplicationPage(page, appName);
  const attached = page.getByRole("table", { name: "Attached policies" });
  await expect(attached).toContainText(serviceAuth);
  await expect(attached).not.toContainText("deleted token");
});

test("editing an application changes its order and settings but keeps its AUD tag", async ({ page, uniqueName }) => {
  // Many steps, each a server round trip: more than the default timeout on a busy machine.
  test.slow();
  const prefix = uniqueName("Edit app");
  const first = `${prefix} first`;
  const second = `${prefix} second`;
  await createPolicy(page, first, "Service Auth", [{ type: "Any Access Service Token" }]);
  await createPolicy(page, second, "Bypass", [{ type: "IP ranges", value: "192.0.2.0/24" }]);
  const appName = `${prefix} app`;
  await createApplication(page, appName, domainFor(prefix), [first, second]);

  await openApplicationPage(page, appName);
  expect(await attachedPolicyNames(page)).toEqual([first, second]);
  const audOf = async () => (await page.locator("dl > div").filter({ hasText: /Application Audience/ }).locator("code").textContent())!.trim();
  const aud = await audOf();

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Edit application" });
  await expect(form.getByLabel("Application Audience (AUD) Tag")).toHaveValue(aud);
  await form.getByRole("button", { name: `Move ${first} down` }).click();
  await form.getByLabel("Session duration", { exact: true }).selectOption({ label: "Custom…" });
  await form.getByLabel("Custom session duration").fill("1y");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByLabel("Custom session duration")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toBeVisible();
  await form.getByLabel("Custom session duration").fill("2h30m");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();

  await expect.poll(() => attachedPolicyNames(page)).toEqual([second, first]);
  await expect(page.locator("dl > div").filter({ hasText: /^Session duration/ })).toContainText("2h30m");
  expect(await audOf()).toBe(aud);
});

test("a taken or malformed domain is refused on the Domain field and nothing is created", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Domain");
  const domain = domainFor(prefix);
  await createApplication(page, `${prefix} original`, domain);

  await openApplications(page);
  await page.getByRole("button", { name: "Create application", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Create application" });
  await form.getByLabel("Application name").fill(`${prefix} copy`);
  await form.getByLabel("Domain").fill("https://example.com");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByLabel("Domain")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("without a scheme");

  await form.getByLabel("Domain").fill(domain.toUpperCase());
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toContainText(`An application with domain "${domain}" already exists`);
  await expect(form.getByLabel("Domain")).toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Cancel" }).click();

  await openApplications(page, prefix);
  await expect(rowNamed(page, `${prefix} original`)).toBeVisible();
  await expect(rowNamed(page, `${prefix} copy`)).toHaveCount(0);
});

test("a policy in use cannot be deleted: the refusal names its application, and it goes once detached", async ({ page, uniqueName }) => {
  // Many steps, each a server round trip: more than the default timeout on a busy machine.
  test.slow();
  const prefix = uniqueName("Delete policy");
  const policy = `${prefix} policy`;
  const appName = `${prefix} app`;
  await createPolicy(page, policy, "Service Auth", [{ type: "Any Access Service Token" }]);
  await createApplication(page, appName, domainFor(prefix), [policy]);

  await openPolicies(page, policy);
  await expect(rowNamed(page, policy)).toContainText("1 app");
  await rowAction(page, policy, "Delete");
  const confirm = page.getByRole("alertdialog", { name: "Delete policy" });
  await expect(confirm.getByRole("list", { name: "Applications using this policy" })).toContainText(appName);
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText(`“${policy}” is still used by ${appName}`)).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await openPolicies(page, policy);
  await expect(rowNamed(page, policy)).toBeVisible();

  // Detach it, then the same delete succeeds.
  await openApplicationPage(page, appName);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Edit application" });
  await form.getByRole("button", { name: `Remove ${policy}` }).click();
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText("No policies", { exact: true })).toBeVisible();

  await openPolicies(page, policy);
  await expect(rowNamed(page, policy)).toContainText("Not used");
  await rowAction(page, policy, "Delete");
  await expect(confirm).toContainText("No application uses this policy");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(rowNamed(page, policy)).toHaveCount(0);
});

test("editing a policy replaces its rules; a rule that is not valid is marked and not saved", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Edit policy");
  const policy = `${prefix} policy`;
  await createPolicy(page, policy, "Service Auth", [{ type: "Any Access Service Token" }]);

  await openPolicies(page, policy);
  await rowAction(page, policy, "Edit");
  const form = page.getByRole("dialog", { name: "Edit policy" });
  await expect(form.getByLabel("Include rule 1 selector")).toHaveValue("any_valid_service_token");
  await setRule(form, page, "Exclude", 1, { type: "IP ranges", value: "300.1.2.3/8" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByLabel("Exclude rule 1 value")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Must be an IP address or CIDR range");

  await form.getByLabel("Exclude rule 1 value").fill("198.51.100.0/24");
  await form.getByLabel("Session duration", { exact: true }).selectOption({ label: "1 hour" });
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
  await expect(rowNamed(page, policy)).toContainText("IP ranges: 198.51.100.0/24");

  await rowAction(page, policy, "Edit");
  await expect(form.getByLabel("Session duration", { exact: true })).toHaveValue("1h");
  await form.getByRole("button", { name: "Remove include rule 1" }).click();
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toContainText("Add at least one include rule.");
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(rowNamed(page, policy)).toContainText("Any Access Service Token");
});

test("revoking existing tokens records the time and explains that credentials still work", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Revoke");
  const appName = `${prefix} app`;
  await createApplication(page, appName, domainFor(prefix));
  await openApplicationPage(page, appName);
  const revoked = page.locator("dl > div").filter({ hasText: /^Tokens last revoked/ });
  await expect(revoked).toContainText("Never");

  await page.getByRole("button", { name: "Revoke existing tokens" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke existing tokens" });
  await expect(confirm).toContainText("can still obtain a new session");
  await expect(confirm).toContainText("never been revoked");
  const before = Date.now();
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(revoked.locator("time")).toBeVisible();
  const at = new Date((await revoked.locator("time").getAttribute("datetime"))!).getTime();
  expect(at).toBeGreaterThanOrEqual(before - 5_000);
  expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
  await page.getByRole("button", { name: "Revoke existing tokens" }).click();
  await expect(confirm).toContainText("Last revoked");
  await confirm.getByRole("button", { name: "Cancel" }).click();

  await expect(page.getByRole("list", { name: "Audit trail" })).toContainText("app.revoke_tokens");
});

test("deleting an application removes it from the list and frees its domain", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Delete app");
  const appName = `${prefix} app`;
  await createApplication(page, appName, domainFor(prefix));
  await openApplicationPage(page, appName);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete application" });
  await expect(confirm).toContainText(domainFor(prefix));
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/applications$/);

  await openApplications(page, prefix);
  await expect(rowNamed(page, appName)).toHaveCount(0);
  await createApplication(page, `${prefix} again`, domainFor(prefix));
  await openApplications(page, prefix);
  await expect(rowNamed(page, `${prefix} again`)).toBeVisible();
});

test.describe("a Read only administrator", () => {
  test.use({ role: "read_only" });

  test("sees applications and policies but no control that changes them", async ({ page, pageAs, uniqueName }) => {
    // Many steps, each a server round trip: more than the default timeout on a busy machine.
    test.slow();
    const prefix = uniqueName("Read only apps");
    const writer = await pageAs("access_admin");
    const policy = `${prefix} policy`;
    const appName = `${prefix} app`;
    await createPolicy(writer, policy, "Service Auth", [{ type: "Everyone" }]);
    await createApplication(writer, appName, domainFor(prefix), [policy]);

    await openApplications(page, prefix);
    await expect(rowNamed(page, appName)).toBeVisible();
    await expect(page.getByText("Read only access")).toBeVisible();
    await expect(page.getByRole("button", { name: /create/i })).toHaveCount(0);
    await page.getByRole("button", { name: `Actions for ${appName}`, exact: true }).click();
    await expect(page.getByRole("menuitem", { name: "View details" })).toBeVisible();
    await expect(page.getByRole("menuitem")).toHaveCount(1);
    await page.keyboard.press("Escape");

    await openApplicationPage(page, appName);
    expect(await attachedPolicyNames(page)).toEqual([policy]);
    for (const name of ["Edit", "Revoke existing tokens", "Delete"]) await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);

    await openPolicies(page, prefix);
    await expect(rowNamed(page, policy)).toContainText("Everyone");
    await expect(page.getByRole("button", { name: /create/i })).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Actions for ${policy}` })).toHaveCount(0);
  });
});

test("the audit log shows a new policy's rules by token name, no empty fields, no raw keys, and the whole object name", async ({ page, uniqueName }) => {
  const token = uniqueName("Audit CI deploy");
  const policy = uniqueName("Audit deploy policy");
  await openServiceTokens(page);
  await createAndClose(page, token);
  await createPolicy(page, policy, "Service Auth", [{ type: "Service Token", token }]);
  const app = uniqueName("Audit intranet");
  await createApplication(page, app, domainFor(app), [policy]);

  await page.goto(`/logs/audit?q=${encodeURIComponent(policy)}`);
  const created = page.getByRole("row").filter({ hasText: "Created" }).filter({ hasText: policy });
  const changes = created.getByRole("cell").last();
  await expect(changes).toContainText(`Include:Service Token: ${token}`);
  await expect(changes).toContainText("Action:Service Auth");
  await expect(changes).not.toContainText("Exclude");
  await expect(changes).not.toContainText("Require");
  await expect(changes).not.toContainText(/token_id|\{|_/);
  // The object's name is all there, not cut to a few characters.
  const object = created.getByTestId("audit-object").getByText(policy, { exact: true });
  await expect(object).toBeVisible();
  const fits = await object.evaluate((el) => ({ fits: el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1, width: el.clientWidth }));
  expect(fits.fits).toBe(true);
  expect(fits.width).toBeGreaterThan(120);

  // An application's entry: its policies by name, every key in words.
  await page.goto(`/logs/audit?q=${encodeURIComponent(app)}`);
  const appRow = page.getByRole("row").filter({ hasText: "Created" }).filter({ hasText: app });
  await expect(appRow).toContainText(`Policies:${policy}`);
  await appRow.getByText(/^\d+ more$/).click();
  await expect(appRow).toContainText("Application Audience (AUD) Tag:");
  await expect(appRow).toContainText("Type:Self-hosted");
  await expect(appRow.getByRole("cell").last()).not.toContainText(/\baud:|\btype:|_/);
});
