import { request as playwrightRequest, type Page, type Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { auditActions, storedToken } from "./support/db";
import { e2eState, type E2eRole } from "./support/state";
import { createAndClose, openServiceTokens, openTokenPage, rowAction, tokenRow } from "./support/service-tokens";

const WRITE_ITEMS = ["Refresh", "Edit", "Rotate", "Delete"];
// What the server action answers (lib/forms.ts) when the domain refuses the role.
const REFUSAL = /"ok":false.*Your role \(Read only\) cannot make changes/s;

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The next server action the page posts (a POST carrying a `next-action` header). */
function captureServerAction(page: Page): Promise<CapturedAction> {
  return new Promise((resolve) => {
    const onRequest = async (req: Request) => {
      if (req.method() !== "POST") return;
      const headers = await req.allHeaders();
      if (!headers["next-action"]) return;
      page.off("request", onRequest);
      resolve({ url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) });
    };
    page.on("request", onRequest);
  });
}

/** Replays a captured server action with another administrator's session cookies. */
async function replayAs(role: E2eRole, action: CapturedAction, body: Buffer) {
  const { baseURL, admins } = e2eState();
  const ctx = await playwrightRequest.newContext({ baseURL, storageState: admins[role].storageState });
  try {
    // The browser's own headers (Next-Action, Next-Router-State-Tree, Origin, Content-Type...),
    // minus the ones that belong to the original session and connection.
    const headers = Object.fromEntries(
      Object.entries(action.headers).filter(([k]) => !["cookie", "content-length", "host", "connection"].includes(k.toLowerCase())),
    );
    const res = await ctx.post(action.url, { headers, data: body, maxRedirects: 0 });
    return { status: res.status(), text: await res.text() };
  } finally {
    await ctx.dispose();
  }
}

test.describe("a Read only administrator", () => {
  test.use({ role: "read_only" });

  test("sees tokens but no control that changes them", async ({ page, pageAs, uniqueName }) => {
    const writer = await pageAs("access_admin");
    await openServiceTokens(writer);
    const token = await createAndClose(writer, uniqueName("Read only view"));

    await openServiceTokens(page, token.name);
    await expect(tokenRow(page, token.name)).toContainText(token.clientId);
    await expect(page.getByText("Read only access")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create Service Token" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /create your first/i })).toHaveCount(0);

    await page.getByRole("button", { name: `Actions for ${token.name}`, exact: true }).click();
    await expect(page.getByRole("menuitem", { name: "View details" })).toBeVisible();
    for (const item of WRITE_ITEMS) await expect(page.getByRole("menuitem", { name: new RegExp(`^${item}`) })).toHaveCount(0);
    await page.keyboard.press("Escape");

    await openTokenPage(page, token.name);
    for (const item of WRITE_ITEMS) await expect(page.getByRole("button", { name: item, exact: true })).toHaveCount(0);
  });

  test("replaying a real server action with a Read only session is refused and changes nothing", async ({ page, pageAs, uniqueName }) => {
    const writer = await pageAs("access_admin");
    await openServiceTokens(writer);
    const prefix = uniqueName("Replay");
    const captured = await createAndClose(writer, `${prefix} captured`);
    const target = await createAndClose(writer, `${prefix} target`);
    const control = await createAndClose(writer, `${prefix} control`);
    const ids = {
      captured: (await storedToken({ clientId: captured.clientId }))!.id,
      target: (await storedToken({ clientId: target.clientId }))!.id,
      control: (await storedToken({ clientId: control.clientId }))!.id,
    };

    // The Access Administrator deletes a token: record the browser's real server action request.
    await openServiceTokens(writer, captured.name);
    await rowAction(writer, captured.name, "Delete");
    const confirm = writer.getByRole("alertdialog", { name: "Delete service token" });
    // Opening the dialog runs a read action (where the token is used): let it finish first.
    await expect(confirm.getByRole("status", { name: "Checking where this token is used" })).toHaveCount(0);
    await expect(confirm).toContainText("never used");
    const request = captureServerAction(writer);
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    const action = await request;
    await expect(tokenRow(writer, captured.name)).toHaveCount(0);
    expect(await storedToken({ id: ids.captured })).toBeNull();
    expect(action.headers["next-action"]).toBeTruthy();
    const body = action.body.toString("utf8");
    expect(body, "the action's arguments name the token").toContain(ids.captured);
    const aimedAt = (id: string) => Buffer.from(body.split(ids.captured).join(id), "utf8");

    const before = await storedToken({ id: ids.target });
    const refused = await replayAs("read_only", action, aimedAt(ids.target));
    expect(refused.text).toMatch(REFUSAL);
    expect(await storedToken({ id: ids.target })).toEqual(before);
    expect(await auditActions(ids.target)).toEqual(["service_token.create"]);
    await openServiceTokens(page, target.name);
    await expect(tokenRow(page, target.name)).toBeVisible();

    // The same replay with a session that may write does delete: the refusal above came from the role.
    const allowed = await replayAs("access_admin", action, aimedAt(ids.control));
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('"ok":true');
    expect(await storedToken({ id: ids.control })).toBeNull();
  });
});
