import { expect, test } from "./fixtures";
import { closeWithoutCopying, createServiceToken, openServiceTokens, openTokenPage, revealDialog, rowAction, createAndClose } from "./support/service-tokens";

// The only copy of a secret: closing its dialog before copying it asks first (Escape and Close
// alike), and focus goes back to the control that started it.

test("Escape on an uncopied Client Secret asks first; focus returns to the Create button", async ({ page, uniqueName }) => {
  await openServiceTokens(page);
  const { dialog } = await createServiceToken(page, uniqueName("Escape"));

  await page.keyboard.press("Escape");
  const question = closeWithoutCopying(page);
  await expect(question).toBeVisible();
  await expect(question).toContainText("You have not copied the Client Secret");
  await expect(question.getByRole("button", { name: "Keep it open" })).toBeFocused();

  // Escape again only answers the question: the secret is still there.
  await page.keyboard.press("Escape");
  await expect(question).toBeHidden();
  await expect(dialog).toBeVisible();

  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await question.getByRole("button", { name: "Close without copying" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Create Service Token", exact: true })).toBeFocused();
});

test("an Escape pressed the moment the question appears answers it, and the secret stays", async ({ page, uniqueName }) => {
  await openServiceTokens(page);
  const { dialog } = await createServiceToken(page, uniqueName("Escape at once"));
  // The question's layer takes the Escape key a render after it has appeared (and focused "Keep
  // it open"): a second Escape sent as soon as it is in the page lands in that moment, as a user's
  // quick double Escape can.
  await page.evaluate(() => {
    const escape = () => document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[role="alertdialog"]')) return;
      seen.disconnect();
      escape();
    });
    seen.observe(document.body, { childList: true, subtree: true });
    escape();
  });
  await expect(closeWithoutCopying(page)).toBeHidden();
  await expect(dialog).toBeVisible();
  // The question still comes when asked, and the secret is still there to copy.
  await page.keyboard.press("Escape");
  await expect(closeWithoutCopying(page)).toBeVisible();
});

test("once the secret is copied, Escape closes at once", async ({ page, uniqueName }) => {
  await openServiceTokens(page);
  const { dialog } = await createServiceToken(page, uniqueName("Copied"));
  // The Client ID alone is not the secret.
  await dialog.getByRole("button", { name: "Copy Client ID" }).click();
  await page.keyboard.press("Escape");
  await expect(closeWithoutCopying(page)).toBeVisible();
  await closeWithoutCopying(page).getByRole("button", { name: "Keep it open" }).click();

  await dialog.getByRole("button", { name: "Copy headers" }).click();
  // The copy is asynchronous (the Clipboard API): Escape once it has happened.
  await expect(dialog.getByRole("button", { name: "Copy headers" })).toHaveAttribute("data-copied", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(closeWithoutCopying(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create Service Token", exact: true })).toBeFocused();
});

test("a rotation's reveal gives focus back to the row's actions button, or to the page's Rotate button", async ({ page, uniqueName }) => {
  const name = uniqueName("Rotate focus");
  await openServiceTokens(page);
  await createAndClose(page, name);
  await openServiceTokens(page, name);

  await rowAction(page, name, "Rotate");
  await page.getByRole("dialog", { name: "Rotate client secret" }).getByRole("button", { name: "Rotate", exact: true }).click();
  const reveal = revealDialog(page, "Client secret rotated");
  await expect(reveal).toBeVisible();
  await reveal.getByRole("button", { name: "Copy Client Secret" }).click();
  await reveal.getByRole("button", { name: "Close", exact: true }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("button", { name: `Actions for ${name}`, exact: true })).toBeFocused();

  await openTokenPage(page, name);
  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  await page.getByRole("dialog", { name: "Rotate client secret" }).getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(reveal).toBeVisible();
  await page.keyboard.press("Escape");
  await closeWithoutCopying(page).getByRole("button", { name: "Close without copying" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("button", { name: "Rotate", exact: true })).toBeFocused();
});

test.describe("an API token", () => {
  test.use({ role: "super_admin" });

  test("asks before closing uncopied, and gives focus back to Create API token", async ({ page, uniqueName }) => {
    await page.goto("/settings/api-tokens");
    await page.getByRole("button", { name: "Create API token", exact: true }).click();
    const form = page.getByRole("dialog", { name: "Create API token" });
    await form.getByLabel("Token name").fill(uniqueName("Reveal focus"));
    await form.getByRole("checkbox", { name: "Access: Service Tokens Read" }).check();
    await form.getByRole("button", { name: "Create token" }).click();
    const reveal = page.getByRole("dialog", { name: "API token created" });
    await expect(reveal).toBeVisible();

    await page.keyboard.press("Escape");
    await expect(closeWithoutCopying(page)).toContainText("You have not copied the API token");
    await closeWithoutCopying(page).getByRole("button", { name: "Close without copying" }).click();
    await expect(reveal).toBeHidden();
    await expect(page.getByRole("button", { name: "Create API token", exact: true })).toBeFocused();
  });
});
