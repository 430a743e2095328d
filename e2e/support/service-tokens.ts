import { expect, type Locator, type Page } from "@playwright/test";

// The Service Tokens pages as a user sees them: found by role and accessible name, the way the
// dashboard labels them, never by CSS class.

export const CLIENT_ID = /^[0-9a-f]{32}\.access$/;
export const CLIENT_SECRET = /^[0-9a-f]{64}$/;
export const HOUR_MS = 3_600_000;
export const YEAR_MS = 8760 * HOUR_MS;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
/** How the dashboard writes a date: "Nov 28, 2026" (UTC). */
export const utcDate = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
/** How the dashboard writes a moment: "Nov 28, 2026, 14:03 UTC". */
export const utcDateTime = (d: Date) => `${utcDate(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;

/** The Service Tokens list, narrowed by the search box's URL parameter when `search` is given. */
export async function openServiceTokens(page: Page, search?: string): Promise<void> {
  await page.goto(search === undefined ? "/service-tokens" : `/service-tokens?q=${encodeURIComponent(search)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Service Tokens" })).toBeVisible();
}

export const revealDialog = (page: Page, title: "Service token created" | "Client secret rotated" = "Service token created") =>
  page.getByRole("dialog", { name: title });

/** The Client ID and Client Secret as the reveal dialog shows them. */
export async function readReveal(dialog: Locator): Promise<{ clientId: string; clientSecret: string }> {
  await expect(dialog.getByText(CLIENT_SECRET)).toBeVisible();
  const clientId = (await dialog.getByText(CLIENT_ID).textContent())!.trim();
  const clientSecret = (await dialog.getByText(CLIENT_SECRET).textContent())!.trim();
  return { clientId, clientSecret };
}

export interface CreatedToken {
  name: string;
  clientId: string;
  clientSecret: string;
}

/** Create Service Token → name (and duration) → Generate token; leaves the reveal dialog open. */
export async function createServiceToken(page: Page, name: string, opts: { duration?: string } = {}): Promise<CreatedToken & { dialog: Locator }> {
  await page.getByRole("button", { name: "Create Service Token", exact: true }).click();
  const form = page.getByRole("dialog", { name: "Create Service Token" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  if (opts.duration) await form.getByLabel("Service Token Duration").selectOption({ label: opts.duration });
  await form.getByRole("button", { name: "Generate token" }).click();
  const dialog = revealDialog(page);
  await expect(dialog).toBeVisible();
  return { name, dialog, ...(await readReveal(dialog)) };
}

/** The question a reveal asks when it is closed before the secret was copied. */
export const closeWithoutCopying = (page: Page) => page.getByRole("alertdialog", { name: "Close without copying?" });

/** Close, answering "Close without copying" when the secret was not copied. */
export async function closeReveal(dialog: Locator): Promise<void> {
  const question = closeWithoutCopying(dialog.page());
  await dialog.getByRole("button", { name: "Close", exact: true }).click();
  await expect.poll(async () => (await question.isVisible()) || !(await dialog.isVisible())).toBe(true);
  if (await question.isVisible()) await question.getByRole("button", { name: "Close without copying" }).click();
  await expect(dialog).toBeHidden();
}

/** Creates a token through the dashboard and closes the reveal. */
export async function createAndClose(page: Page, name: string, opts: { duration?: string } = {}): Promise<CreatedToken> {
  const { dialog, ...token } = await createServiceToken(page, name, opts);
  await closeReveal(dialog);
  return token;
}

export const tokenRow = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

/** One cell of a row, by its column's header text. */
export async function cellOf(page: Page, row: Locator, header: string): Promise<Locator> {
  // textContent, not innerText: the headers are upper-cased by CSS only.
  const headers = (await page.getByRole("columnheader").allTextContents()).map((h) => h.trim().toLowerCase());
  const index = headers.findIndex((h) => h === header.toLowerCase());
  expect(index, `a column named ${header} among ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  return row.getByRole("cell").nth(index);
}

/** The moment a date cell stands for (its <time datetime>), to the millisecond. */
export async function cellTime(page: Page, row: Locator, header: string): Promise<Date> {
  const cell = await cellOf(page, row, header);
  const iso = await cell.locator("time").getAttribute("datetime");
  expect(iso, `${header} holds a <time datetime>`).toBeTruthy();
  return new Date(iso!);
}

/** Opens a row's "Actions for <name>" menu and picks an item. */
export async function rowAction(page: Page, name: string, item: "Refresh" | "Edit" | "Rotate" | "Delete" | "View details"): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: new RegExp(`^${item}`) }).click();
}

/** The token's page, through its name in the list. */
export async function openTokenPage(page: Page, name: string): Promise<string> {
  await openServiceTokens(page, name);
  await tokenRow(page, name).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = page.url().split("/service-tokens/")[1]?.split(/[?#]/)[0];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

/** A field of the token page's Details list ("Client secret version", "Expires", ...). */
export function detail(page: Page, label: string): Locator {
  return page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`, "i") }) }).locator("dd");
}

/** The longest name the dashboard accepts (255 characters) without a space to wrap at, from a uniqueName. */
export function longName(unique: string): string {
  const start = `${unique.replaceAll(" ", "-")}-`;
  return start.padEnd(255, "long");
}
