import { expect, type Page } from "@playwright/test";

// The Applications pages as a user sees them (see service-tokens.ts): lists opened narrowed to a
// test's own names (?q=), objects made through the dashboard's own forms.

/** A domain of the test's own, from a uniqueName. */
export const domainFor = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.e2e.example.com`;

export async function openApplications(page: Page, search?: string): Promise<void> {
  await page.goto(search === undefined ? "/applications" : `/applications?q=${encodeURIComponent(search)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Applications" })).toBeVisible();
}

/** Create application → name, domain, policies in the given order → Save. */
export async function createApplication(page: Page, name: string, domain: string, policies: string[] = []): Promise<void> {
  await openApplications(page);
  await page.getByRole("button", { name: /^Create (your first )?application$/ }).first().click();
  const form = page.getByRole("dialog", { name: "Create application" });
  await form.getByLabel("Application name").fill(name);
  await form.getByLabel("Domain").fill(domain);
  for (const policy of policies) {
    await form.getByLabel("Policy to add").selectOption({ label: policy });
    await form.getByRole("button", { name: "Add policy" }).click();
  }
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form).toBeHidden();
}

/** The application's page, through its name in the list; returns its id. */
export async function openApplicationPage(page: Page, name: string): Promise<string> {
  await openApplications(page, name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = page.url().split("/applications/")[1]?.split(/[?#]/)[0];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}
