"use server";

import {
  createWebhookDestination,
  deleteWebhookDestination,
  testWebhookDestination,
  updateWebhookDestination,
} from "@/lib/alerts/destinations";
import { createAlertPolicy, deleteAlertPolicy, updateAlertPolicy } from "@/lib/alerts/policies";
import type { CreateAlertPolicyInput, UpdateAlertPolicyInput, WebhookInput } from "@/lib/alerts/schemas";
import { adminAction, type RevalidateTarget } from "@/lib/auth/admin-action";

// Server actions of the Notifications pages, each one domain call of lib/alerts (the functions the
// REST API calls, so each writes the same audit row); the domain's schemas parse the arguments.
// A destination's secret goes in and never comes back: no answer carries it.

/** The three pages: a policy's destinations are named on the list, a destination's policies counted. */
const NOTIFICATIONS: RevalidateTarget[] = [{ layout: "/notifications" }];

const policyName = ({ id, name, enabled }: { id: string; name: string; enabled: boolean }) => ({ policy: { id, name, enabled } });
const destinationName = ({ id, name }: { id: string; name: string }) => ({ destination: { id, name } });

export const createAlertPolicyAction = adminAction(async (actor, input: CreateAlertPolicyInput) => policyName(await createAlertPolicy(actor, input)), {
  revalidate: NOTIFICATIONS,
});

/** Edit, and Enable / Disable (`{ enabled }` alone): the fields given replace the stored ones. */
export const updateAlertPolicyAction = adminAction(
  async (actor, id: string, input: UpdateAlertPolicyInput) => policyName(await updateAlertPolicy(actor, id, input)),
  { revalidate: NOTIFICATIONS },
);

export const deleteAlertPolicyAction = adminAction(async (actor, id: string) => policyName(await deleteAlertPolicy(actor, id)), {
  revalidate: NOTIFICATIONS,
});

export const createWebhookAction = adminAction(async (actor, input: WebhookInput) => destinationName(await createWebhookDestination(actor, input)), {
  revalidate: NOTIFICATIONS,
});

/** An omitted secret keeps the stored one; "" removes it. */
export const updateWebhookAction = adminAction(
  async (actor, id: string, input: WebhookInput) => destinationName(await updateWebhookDestination(actor, id, input)),
  { revalidate: NOTIFICATIONS },
);

export const deleteWebhookAction = adminAction(async (actor, id: string) => destinationName(await deleteWebhookDestination(actor, id)), {
  revalidate: NOTIFICATIONS,
});

/** Sends one test message; the answer is what the destination said. Its last success or failure changes. */
export const testWebhookAction = adminAction(async (actor, id: string) => ({ test: await testWebhookDestination(actor, id) }), {
  revalidate: ["/notifications/destinations"],
});
