"use server";

import { createApp, deleteApp, replaceApp, revokeAppTokens } from "@/lib/access/apps";
import type { AppInput } from "@/lib/access/schemas";
import { adminAction, type RevalidateTarget } from "@/lib/auth/admin-action";

// Server actions of the Applications pages, each one domain call through adminAction. The domain's
// appInputSchema parses the arguments.

/** The lists and pages that show applications, and the policies list (its "Used by"). */
const APP_PAGES: RevalidateTarget[] = [{ layout: "/applications" }, "/policies"];

const savedApp = ({ id, name }: { id: string; name: string }) => ({ app: { id, name } });

// The only conflict an application raises is a taken domain: the form marks that field.
export const createAppAction = adminAction(async (actor, input: AppInput) => savedApp(await createApp(actor, input)), {
  revalidate: APP_PAGES,
  conflictField: "domain",
});

export const replaceAppAction = adminAction(async (actor, id: string, input: AppInput) => savedApp(await replaceApp(actor, id, input)), {
  revalidate: APP_PAGES,
  conflictField: "domain",
});

/**
 * Does not revalidate: re-rendering the deleted application's own page would flash its "not found"
 * state; the caller refreshes the list or navigates to it instead.
 */
export const deleteAppAction = adminAction(async (actor, id: string) => ({ name: (await deleteApp(actor, id)).name }));

export const revokeAppTokensAction = adminAction(
  async (actor, id: string) => {
    const app = await revokeAppTokens(actor, id);
    return { name: app.name, lastRevokedAt: app.lastRevokedAt };
  },
  { revalidate: [{ layout: "/applications" }] },
);
