"use server";

import { revalidatePath } from "next/cache";
import { createPolicy, deletePolicy, policiesReferencingServiceToken, replacePolicy, type ServiceTokenUsage } from "@/lib/access/policies";
import type { PolicyInput } from "@/lib/access/schemas";
import { requireAdmin } from "@/lib/auth/require-admin";
import { toFormFailure, type FormResult } from "@/lib/forms";
import { accessFormFailure } from "../applications/form-failure";

// Server actions of the Policies page (and the service-token delete dialog's "used by" look-up):
// identify the administrator, call one domain function, answer with a FormResult. The domain's
// policyInputSchema parses the arguments, which come from the network.

/** The policies list, and the application pages that show attached policies. */
function revalidatePolicies() {
  revalidatePath("/policies");
  revalidatePath("/applications", "layout");
}

export async function createPolicyAction(input: PolicyInput): Promise<FormResult<{ policy: { id: string; name: string } }>> {
  const actor = await requireAdmin();
  try {
    const policy = await createPolicy(actor, input);
    revalidatePolicies();
    return { ok: true, policy: { id: policy.id, name: policy.name } };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

export async function replacePolicyAction(id: string, input: PolicyInput): Promise<FormResult<{ policy: { id: string; name: string } }>> {
  const actor = await requireAdmin();
  try {
    const policy = await replacePolicy(actor, id, input);
    revalidatePolicies();
    return { ok: true, policy: { id: policy.id, name: policy.name } };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

/** Refused (conflict) while an application uses the policy. */
export async function deletePolicyAction(id: string): Promise<FormResult<{ name: string }>> {
  const actor = await requireAdmin();
  try {
    const policy = await deletePolicy(actor, id);
    revalidatePath("/policies");
    return { ok: true, name: policy.name };
  } catch (e) {
    return accessFormFailure(e, actor.role);
  }
}

/** Which policies and applications name a service token: read when its delete dialog opens. */
export async function serviceTokenUsageAction(tokenId: string): Promise<FormResult<{ usage: ServiceTokenUsage }>> {
  const actor = await requireAdmin();
  try {
    return { ok: true, usage: await policiesReferencingServiceToken(actor, tokenId) };
  } catch (e) {
    return toFormFailure(e, actor.role);
  }
}
