import { describe, expect, it } from "vitest";
import { policyToApi } from "../../lib/access/api-shape";
import { createApp, getApp } from "../../lib/access/apps";
import { createPolicy, getPolicy, policiesReferencingServiceToken, replacePolicy } from "../../lib/access/policies";
import { serviceTokenReferences, type Rule } from "../../lib/access/rules";
import { decideForServiceToken } from "../../lib/access/validation/evaluate";
import type { Actor } from "../../lib/auth/actor";
import { getDb } from "../../lib/db/client";
import { parseIp } from "../../lib/net/ip";
import { createServiceToken, deleteServiceToken } from "../../lib/service-tokens/service";
import { apiTokenActor, auditRows, expectAppError, newTenant, unique } from "../helpers/fixtures";

// Deleting a service token takes it out of the rules of every policy of its account, in the same
// transaction, so no policy is left naming a token that is gone; the policies changed are audited and
// returned. A policy that required the token, or had it as its only include rule, matches nothing.

const tokenRule = (id: string): Rule => ({ service_token: { token_id: id } });
const ip: Rule = { ip: { ip: "192.0.2.0/24" } };

async function newToken(actor: Actor) {
  return (await createServiceToken(actor, { name: unique("token") })).token;
}

describe("deleteServiceToken and the policies that name the token", () => {
  it("removes its rules from include, require and exclude, audits each policy, and says which", async () => {
    const { account, admin } = await newTenant();
    const gone = await newToken(admin);
    const kept = await newToken(admin);
    const shared = await createPolicy(admin, { name: "b shared", decision: "non_identity", include: [tokenRule(gone.id), tokenRule(kept.id)] });
    const only = await createPolicy(admin, { name: "a only", decision: "non_identity", include: [tokenRule(gone.id)] });
    const required = await createPolicy(admin, { name: "c required", decision: "non_identity", include: [{ any_valid_service_token: {} }], require: [tokenRule(gone.id), ip] });
    const excluded = await createPolicy(admin, { name: "d excluded", decision: "deny", include: [{ everyone: {} }], exclude: [tokenRule(gone.id)] });
    const other = await createPolicy(admin, { name: "e other", decision: "non_identity", include: [tokenRule(kept.id)] });
    const app = await createApp(admin, { name: unique("app"), domain: `${unique("d")}.example.test`, policies: [only.id, required.id] });

    const usage = await policiesReferencingServiceToken(admin, gone.id);
    expect(usage.policies.map((p) => [p.name, p.matchesNothingAfterDelete])).toEqual([
      ["a only", true],
      ["b shared", false],
      ["c required", true],
      ["d excluded", false],
    ]);

    const deleted = await deleteServiceToken(admin, gone.id);
    expect(deleted.removedFromPolicies).toEqual([
      { id: only.id, name: "a only" },
      { id: shared.id, name: "b shared" },
      { id: required.id, name: "c required" },
      { id: excluded.id, name: "d excluded" },
    ]);

    expect(await getPolicy(admin, shared.id)).toMatchObject({ include: [tokenRule(kept.id)], require: [], exclude: [] });
    expect(await getPolicy(admin, only.id)).toMatchObject({ include: [], require: [], exclude: [] });
    // Dropping the require rule alone would let in every token from 192.0.2.0/24: the include goes too.
    expect(await getPolicy(admin, required.id)).toMatchObject({ include: [], require: [ip], exclude: [] });
    expect(await getPolicy(admin, excluded.id)).toMatchObject({ include: [{ everyone: {} }], require: [], exclude: [] });
    expect(await getPolicy(admin, other.id)).toEqual(other);
    // Still attached, matching nothing: the application admits no token through them.
    expect((await getApp(admin, app.id)).policies.map((p) => p.id).sort()).toEqual([only.id, required.id].sort());
    expect(decideForServiceToken((await getApp(admin, app.id)).policies, { serviceTokenId: kept.id, ip: parseIp("192.0.2.7") })).toEqual({ outcome: "no_match" });

    for (const p of [shared, only, required, excluded]) {
      const rows = await auditRows(account.id, p.id);
      expect(rows.map((r) => r.action)).toEqual(["policy.create", "policy.update"]);
      expect(rows[1]).toMatchObject({ actorType: "admin", objectName: p.name });
      expect(serviceTokenReferences(rows[1].after as never).some((r) => r.tokenId === gone.id)).toBe(false);
    }
    expect(await auditRows(account.id, other.id)).toHaveLength(1);
    const trail = await auditRows(account.id);
    const del = trail.findIndex((r) => r.action === "service_token.delete" && r.objectId === gone.id);
    expect(trail.slice(del + 1).map((r) => r.action)).toEqual(["policy.update", "policy.update", "policy.update", "policy.update"]);
  });

  it("does it for an API token with Service Tokens Write only, recorded as that token", async () => {
    const { account, admin } = await newTenant();
    const gone = await newToken(admin);
    const p = await createPolicy(admin, { name: unique("p"), decision: "non_identity", include: [tokenRule(gone.id), ip] });
    const api = apiTokenActor(account.id, ["Access: Service Tokens Write"]);
    expect((await deleteServiceToken(api, gone.id)).removedFromPolicies).toEqual([{ id: p.id, name: p.name }]);
    expect((await getPolicy(admin, p.id)).include).toEqual([ip]);
    expect((await auditRows(account.id, p.id)).at(-1)).toMatchObject({ action: "policy.update", actorType: "api_token" });
  });

  it("leaves a policy emptied this way valid: it can be put back as it is, and only a rule makes it admit again", async () => {
    const { admin } = await newTenant();
    const gone = await newToken(admin);
    const p = await createPolicy(admin, { name: unique("emptied"), decision: "non_identity", include: [tokenRule(gone.id)] });
    await deleteServiceToken(admin, gone.id);
    const emptied = await getPolicy(admin, p.id);
    const renamed = await replacePolicy(admin, p.id, { ...policyToApi(emptied), name: `${emptied.name} renamed` });
    expect(renamed).toMatchObject({ include: [], name: `${emptied.name} renamed` });
    const refilled = await replacePolicy(admin, p.id, { ...policyToApi(renamed), include: [{ any_valid_service_token: {} }] });
    expect(refilled.include).toEqual([{ any_valid_service_token: {} }]);
    // Emptying an include by hand stays refused, and so does a new policy without one.
    await expectAppError(replacePolicy(admin, p.id, { ...policyToApi(refilled), include: [] }), "invalid_request", "include");
    await expectAppError(createPolicy(admin, { name: "none", decision: "non_identity", include: [] }), "invalid_request", "include");
  });

  it("changes nothing in the policies when the delete itself fails", async () => {
    const a = await newTenant("a");
    const b = await newTenant("b");
    const theirs = await newToken(b.admin);
    const p = await createPolicy(b.admin, { name: unique("theirs"), decision: "non_identity", include: [tokenRule(theirs.id)] });
    await expectAppError(deleteServiceToken(a.admin, theirs.id), "not_found");
    expect(await getPolicy(b.admin, p.id)).toEqual(p);
  });

  it("leaves no policy naming the token when a policy change that adds it runs at the same time", async () => {
    for (let round = 0; round < 5; round++) {
      const { admin } = await newTenant();
      const gone = await newToken(admin);
      const p = await createPolicy(admin, { name: unique("racing"), decision: "non_identity", include: [{ any_valid_service_token: {} }] });
      const [replaced, deleted, created] = await Promise.allSettled([
        replacePolicy(admin, p.id, { ...policyToApi(p), include: [tokenRule(gone.id)] }),
        deleteServiceToken(admin, gone.id),
        createPolicy(admin, { name: unique("racing new"), decision: "non_identity", include: [tokenRule(gone.id)] }),
      ]);
      expect(deleted.status).toBe("fulfilled");
      for (const change of [replaced, created]) {
        if (change.status === "rejected") expect(change.reason).toMatchObject({ code: "invalid_request" });
      }
      const naming = await getDb().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM access_policies
        WHERE account_id = ${admin.accountId} AND include_rules @> ${JSON.stringify([tokenRule(gone.id)])}::jsonb`;
      expect(naming[0].n, `round ${round}`).toBe(0);
    }
  });
});
