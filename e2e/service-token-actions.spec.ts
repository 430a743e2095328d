import { expect, test } from "./fixtures";
import { auditActions, setLastSeen, storedToken } from "./support/db";
import { e2eState } from "./support/state";
import {
  cellOf,
  cellTime,
  closeReveal,
  createAndClose,
  detail,
  HOUR_MS,
  openServiceTokens,
  openTokenPage,
  readReveal,
  revealDialog,
  rowAction,
  tokenRow,
  utcDate,
  utcDateTime,
  YEAR_MS,
} from "./support/service-tokens";

test.beforeEach(async ({ page }) => {
  await openServiceTokens(page);
});

test("refresh names the new expiry and moves Expires one year later", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Refresh"));
  await openServiceTokens(page, token.name);
  const row = tokenRow(page, token.name);
  const before = await cellTime(page, row, "Expires");
  const expected = new Date(before.getTime() + YEAR_MS);

  await rowAction(page, token.name, "Refresh");
  const confirm = page.getByRole("alertdialog", { name: "Refresh service token" });
  await expect(confirm).toContainText(token.name);
  await expect(confirm).toContainText(`It will expire on ${utcDateTime(expected)}`);
  await confirm.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect.poll(async () => (await cellTime(page, row, "Expires")).getTime()).toBe(expected.getTime());
  await expect(await cellOf(page, row, "Expires")).toHaveText(utcDate(expected));
  expect((await storedToken({ clientId: token.clientId }))?.expires_at?.getTime()).toBe(expected.getTime());
});

test("edit renames a token and extends its expiry by the chosen duration", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Edit"));
  const renamed = `${token.name} renamed`;
  await openServiceTokens(page, token.name);
  const before = await cellTime(page, tokenRow(page, token.name), "Expires");
  // max(expires_at, now) + 2 years, and the token expires a year from now.
  const expected = new Date(before.getTime() + 2 * YEAR_MS);

  await rowAction(page, token.name, "Edit");
  const form = page.getByRole("dialog", { name: "Edit service token" });
  await form.getByLabel("Name", { exact: true }).fill(renamed);
  await form.getByLabel("Extend by").selectOption({ label: "2 years" });
  await expect(form).toContainText(utcDateTime(expected));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toBeHidden();

  const row = tokenRow(page, renamed);
  await expect(row).toBeVisible();
  await expect(await cellOf(page, row, "Expires")).toHaveText(utcDate(expected));
  expect((await cellTime(page, row, "Expires")).getTime()).toBe(expected.getTime());
  const stored = await storedToken({ clientId: token.clientId });
  expect(stored?.name).toBe(renamed);
  expect(stored?.expires_at?.getTime()).toBe(expected.getTime());
});

test("disabling then enabling a token switches its status between Disabled and Active", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Toggle"));
  await openServiceTokens(page, token.name);
  const row = tokenRow(page, token.name);
  const status = await cellOf(page, row, "Status");
  await expect(status).toHaveText("Active");

  for (const [enabled, label] of [[false, "Disabled"], [true, "Active"]] as const) {
    await rowAction(page, token.name, "Edit");
    const form = page.getByRole("dialog", { name: "Edit service token" });
    const toggle = form.getByRole("switch", { name: "Enabled" });
    await expect(toggle).toBeChecked({ checked: !enabled });
    await toggle.click();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toBeHidden();
    await expect(status).toHaveText(label);
    expect((await storedToken({ clientId: token.clientId }))?.enabled).toBe(enabled);
  }
});

test("rotating with a grace period reveals a new secret and raises the client secret version", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Rotate"));
  await openTokenPage(page, token.name);
  await expect(detail(page, "Client secret version")).toHaveText("1");

  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Rotate client secret" });
  await form.getByRole("radio", { name: /7 days/ }).check();
  await form.getByRole("button", { name: "Rotate", exact: true }).click();

  const dialog = revealDialog(page, "Client secret rotated");
  await expect(dialog).toBeVisible();
  const rotated = await readReveal(dialog);
  expect(rotated.clientId).toBe(token.clientId);
  expect(rotated.clientSecret).not.toBe(token.clientSecret);
  await expect(dialog).toContainText("previous secret keeps working until");
  await closeReveal(dialog);

  await expect(detail(page, "Client secret version")).toHaveText("2");
  const stored = await storedToken({ clientId: token.clientId });
  expect(stored?.client_secret_version).toBe(2);
  const graceEnd = stored!.previous_client_secret_expires_at!.getTime();
  expect(Math.abs(graceEnd - (Date.now() + 7 * 24 * HOUR_MS))).toBeLessThan(5 * 60_000);
  await expect(detail(page, "Previous secret valid until")).toContainText(utcDate(new Date(graceEnd)));
  expect(await page.content()).not.toContain(rotated.clientSecret);
});

test("delete names the token and its last use, then its row is gone", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Delete"));
  await openServiceTokens(page, token.name);

  await rowAction(page, token.name, "Delete");
  let confirm = page.getByRole("alertdialog", { name: "Delete service token" });
  await expect(confirm).toContainText(token.name);
  await expect(confirm).toContainText("never used");
  await expect(confirm).toContainText("No policy or application uses this token.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(tokenRow(page, token.name)).toBeVisible();

  // A use three hours ago (what a successful validation records).
  await setLastSeen(token.clientId, new Date(Date.now() - 3 * HOUR_MS));
  await page.reload();
  await rowAction(page, token.name, "Delete");
  confirm = page.getByRole("alertdialog", { name: "Delete service token" });
  await expect(confirm).toContainText(token.name);
  await expect(confirm).toContainText("Last used 3 hours ago");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(tokenRow(page, token.name)).toHaveCount(0);
  expect(await storedToken({ clientId: token.clientId })).toBeNull();
  await page.reload();
  await expect(tokenRow(page, token.name)).toHaveCount(0);
});

test("the token page shows the audit trail of every change, newest first, with who made it", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Trail"));
  const id = await openTokenPage(page, token.name);
  const actor = e2eState().admins.access_admin.email;

  await page.getByRole("button", { name: "Refresh", exact: true }).click();
  const refresh = page.getByRole("alertdialog", { name: "Refresh service token" });
  await refresh.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(refresh).toBeHidden();

  for (const enabled of [false, true]) {
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const form = page.getByRole("dialog", { name: "Edit service token" });
    const toggle = form.getByRole("switch", { name: "Enabled" });
    await expect(toggle).toBeChecked({ checked: !enabled });
    await toggle.click();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toBeHidden();
    await expect(detail(page, "Enabled")).toHaveText(enabled ? "Yes" : /^No/);
  }

  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate client secret" });
  await rotate.getByRole("radio", { name: /Immediately/ }).check();
  await rotate.getByRole("button", { name: "Rotate", exact: true }).click();
  await closeReveal(revealDialog(page, "Client secret rotated"));

  const expected = ["service_token.rotate", "service_token.enable", "service_token.disable", "service_token.refresh", "service_token.create"];
  expect((await auditActions(id)).reverse()).toEqual(expected);
  await page.reload();
  const entries = page.getByRole("list", { name: "Audit trail" }).locator(":scope > li");
  await expect(entries).toHaveCount(expected.length);
  for (const [i, action] of expected.entries()) {
    await expect(entries.nth(i)).toContainText(action);
    await expect(entries.nth(i)).toContainText(actor);
  }
  await expect(entries.nth(0)).toContainText("Secret rotated");
  await expect(page.getByText("Not used by any policy")).toBeVisible();
  await expect(entries.nth(3)).toContainText("Refreshed");
});

test("Logs > Audit lists the changes to a token with who made them", async ({ page, uniqueName }) => {
  const token = await createAndClose(page, uniqueName("Audit"));
  await openServiceTokens(page, token.name);
  await rowAction(page, token.name, "Refresh");
  const refresh = page.getByRole("alertdialog", { name: "Refresh service token" });
  await refresh.getByRole("button", { name: "Refresh", exact: true }).click();
  await expect(refresh).toBeHidden();
  await rowAction(page, token.name, "Delete");
  const remove = page.getByRole("alertdialog", { name: "Delete service token" });
  await remove.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(remove).toBeHidden();

  await page.goto("/logs/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search audit log" }).fill(token.name);
  await expect(page).toHaveURL(/[?&]q=/);
  const rows = page.getByRole("row").filter({ hasText: token.name });
  await expect(rows).toHaveCount(3);
  const actor = e2eState().admins.access_admin.email;
  for (const [i, action] of ["service_token.delete", "service_token.refresh", "service_token.create"].entries()) {
    await expect(rows.nth(i)).toContainText(action);
    await expect(rows.nth(i)).toContainText(actor);
  }
});
