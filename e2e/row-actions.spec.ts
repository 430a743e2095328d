import { expect, test } from "./fixtures";
import { createAndClose, openServiceTokens } from "./support/service-tokens";

// The "…" menu of a table's rows: one menu per table, opened for the row whose button is pressed,
// and a menu button to the keyboard (Enter, Space and ArrowDown open it, the arrow keys move through
// it, Escape closes it and gives focus back to the row's button).

test("a row's menu is a menu button: keys open it, move through it, and Escape gives focus back", async ({ page, uniqueName }) => {
  const prefix = uniqueName("Row menu");
  await openServiceTokens(page);
  const token = await createAndClose(page, `${prefix} keys`);
  await openServiceTokens(page, prefix);

  const trigger = page.getByRole("button", { name: `Actions for ${token.name}`, exact: true });
  const menu = page.getByRole("menu", { name: `Actions for ${token.name}` });
  await expect(trigger).toHaveAttribute("aria-haspopup", "menu");
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("menu")).toHaveCount(0);

  for (const key of ["Enter", " ", "ArrowDown"]) {
    // Until the page has hydrated, a key press on the server-rendered button does nothing: retry it.
    await expect(async () => {
      await trigger.focus();
      await page.keyboard.press(key);
      await expect(menu).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await expect(trigger).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("menuitem", { name: "View details" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: /^Refresh/ })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(trigger).toBeFocused();
    await expect(trigger).toHaveAttribute("aria-expanded", "false");
  }

  // An item that opens a dialog: focus comes back to the row's button when the dialog closes.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "View details" })).toBeFocused();
  // One key at a time, each move seen before the next: three presses at once can outrun a busy page.
  for (const item of [/^Refresh/, "Edit", "Rotate"]) {
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: item })).toBeFocused();
  }
  await page.keyboard.press("Enter");
  const rotate = page.getByRole("dialog", { name: "Rotate client secret" });
  await expect(rotate).toContainText(token.name);
  await page.keyboard.press("Escape");
  await expect(rotate).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("the table has one menu: another row's button moves it to that row, and its dialogs are that row's", async ({ page, uniqueName, saveScreenshot }) => {
  const prefix = uniqueName("One menu");
  await openServiceTokens(page);
  const first = await createAndClose(page, `${prefix} first`);
  const second = await createAndClose(page, `${prefix} second`);
  await openServiceTokens(page, prefix);

  await page.getByRole("button", { name: `Actions for ${first.name}`, exact: true }).click();
  await expect(page.getByRole("menu", { name: `Actions for ${first.name}` })).toBeVisible();
  await saveScreenshot(page, "row-menu-open");

  await page.getByRole("button", { name: `Actions for ${second.name}`, exact: true }).click();
  await expect(page.getByRole("menu", { name: `Actions for ${second.name}` })).toBeVisible();
  await expect(page.getByRole("menu")).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Actions for ${first.name}`, exact: true })).toHaveAttribute("aria-expanded", "false");

  // Pressing the open row's button again closes its menu.
  await page.getByRole("button", { name: `Actions for ${second.name}`, exact: true }).click();
  await expect(page.getByRole("menu")).toHaveCount(0);

  for (const token of [first, second]) {
    await page.getByRole("button", { name: `Actions for ${token.name}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    const form = page.getByRole("dialog", { name: "Edit service token" });
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue(token.name);
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(form).toBeHidden();
  }

  await page.getByRole("button", { name: `Actions for ${second.name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: /^Delete/ }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete service token" });
  await expect(confirm).toContainText(second.name);
  await expect(confirm).toContainText("No policy or application uses this token.");
  await saveScreenshot(page, "confirm-dialog");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
});
