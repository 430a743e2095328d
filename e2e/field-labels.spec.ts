import { expect, test } from "./fixtures";

// A field has one name: its label in the form, the form's own check, the server's refusal and its
// detail page all call it the same (components/forms/field-labels.ts).

test("the application form names the single header field as its label does, in its own check", async ({ page, uniqueName }) => {
  const name = uniqueName("Header label");
  await page.goto("/applications");
  await page.getByRole("button", { name: /^Create (your first )?application$/ }).first().click();
  const form = page.getByRole("dialog", { name: "Create application" });
  await form.getByLabel("Application name").fill(name);
  await form.getByLabel("Domain").fill("header-label.e2e.example.com");
  const header = form.getByLabel("Single header name");
  await header.fill("X Token");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(header).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Single header name must be an HTTP header name");
  await form.getByRole("button", { name: "Cancel" }).click();
  await expect(form).toBeHidden();
});
