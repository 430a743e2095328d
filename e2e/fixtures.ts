import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { closeDb } from "./support/db";
import { SCREENSHOTS } from "./support/screenshots";
import { e2eState, type E2eRole } from "./support/state";

// Every spec imports `test` and `expect` from here. A test is signed in as the role given by
// `test.use({ role })` (Access Administrator by default); `pageAs(role)` opens another signed-in
// page when a test needs two administrators at once. Tests name their tokens with `uniqueName`,
// so they run in parallel against the one server without seeing each other's data.

export { expect };

interface Fixtures {
  role: E2eRole;
  pageAs: (role: E2eRole) => Promise<Page>;
  uniqueName: (label: string) => string;
  saveScreenshot: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<Fixtures, { dbCleanup: void }>({
  role: ["access_admin", { option: true }],
  baseURL: async ({}, use) => use(e2eState().baseURL),
  storageState: async ({ role }, use) => use(e2eState().admins[role].storageState),

  pageAs: async ({ browser, baseURL, viewport, permissions }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (role) => {
      const context = await browser.newContext({
        baseURL,
        viewport,
        permissions,
        storageState: e2eState().admins[role].storageState,
      });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  uniqueName: async ({}, use, testInfo) => {
    await use((label) => `${label} w${testInfo.workerIndex}-${randomBytes(3).toString("hex")}`);
  },

  saveScreenshot: async ({}, use) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    });
  },

  dbCleanup: [
    async ({}, use) => {
      await use();
      await closeDb();
    },
    { scope: "worker", auto: true },
  ],
});
