"use server";

import { createPolicy, deletePolicy, policiesReferencingServiceToken, replacePolicy } from "@/lib/access/policies";
import type { PolicyInput } from "@/lib/access/schemas";
import { adminAction, type RevalidateTarget } from "@/lib/auth/admin-action";

// Server actions of the Policies page (and the service-token delete dialog's "used by" look-up),
// each one domain call through adminAction. The domain's policyInputSchema parses the arguments.

/** The policies list, and the application pages that show attached policies. */
const POLICY_PAGES: RevalidateTarget[] = ["/policies", { layout: "/applications" }];

const savedPolicy = ({ id, name }: { id: string; name: string }) => ({ policy: { id, name } });

export const createPolicyAction = adminAction(async (actor, input: PolicyInput) => savedPolicy(await createPolicy(actor, input)), {
  revalidate: POLICY_PAGES,
});

export const replacePolicyAction = adminAction(
  async (actor, id: string, input: PolicyInput) => savedPolicy(await replacePolicy(actor, id, input)),
  { revalidate: POLICY_PAGES },
);

/** Refused (conflict) while an application uses the policy. */
export const deletePolicyAction = adminAction(async (actor, id: string) => ({ name: (await deletePolicy(actor, id)).name }), {
  revalidate: ["/policies"],
});

/** Which policies and applications name a service token: read when its delete dialog opens. */
export const serviceTokenUsageAction = adminAction(async (actor, tokenId: string) => ({
  usage: await policiesReferencingServiceToken(actor, tokenId),
}));
