import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPolicy, getPolicy, type AccessPolicyView } from "../../lib/access/policies";
import { withoutServiceToken, type Rule } from "../../lib/access/rules";
import type { Actor } from "../../lib/auth/actor";
import { applyMigrations, MIGRATIONS_DIR } from "../../lib/db/migrate";
import { createServiceToken } from "../../lib/service-tokens/service";
import { createScratchDatabase, useDatabase, withPg } from "../helpers/db";
import { auditRows, newTenant, unique } from "../helpers/fixtures";

// The migration that removes the rules naming service tokens that no longer exist (left by deletes
// made before a token's delete took it out of its policies): on a database migrated up to the one
// before it, policies are left naming deleted tokens as those old deletes left them, then the
// migration runs. What it leaves must be what deleteServiceToken leaves today (withoutServiceToken).

const MIGRATION = "20261201203000_drop_dead_token_rules";

const tokenRule = (id: string): Rule => ({ service_token: { token_id: id } });
const ip: Rule = { ip: { ip: "192.0.2.0/24" } };

let url: string;
let before: string;

beforeAll(async () => {
  url = await createScratchDatabase("dead_token_rules");
  // The migrations before this one, as a database deployed before it has them.
  before = await mkdtemp(path.join(os.tmpdir(), "gp-dead-rules-"));
  for (const name of (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)) {
    if (name < MIGRATION) await cp(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
  }
  await applyMigrations(url, before);
  await useDatabase(url);
});

afterAll(async () => {
  await rm(before, { recursive: true, force: true });
});

/** A policy as its audit rows hold it (auditSnapshot, lib/access/policies.ts). */
const snapshot = (p: AccessPolicyView) => ({
  name: p.name,
  decision: p.decision,
  include: p.include,
  require: p.require,
  exclude: p.exclude,
  session_duration: p.sessionDuration,
});

async function newToken(actor: Actor) {
  return (await createServiceToken(actor, { name: unique("token") })).token;
}

/** What a delete did before it took the token out of the policies: the row only. */
async function deleteTokenRowOnly(id: string): Promise<void> {
  await withPg(url, (c) => c.query("DELETE FROM service_tokens WHERE id = $1", [id]));
}

describe(`migration ${MIGRATION}`, () => {
  it("removes the rules of tokens that are gone as a token's delete does, audits each policy, and leaves the rest alone", async () => {
    const { account, admin } = await newTenant();
    const other = await newTenant();
    const gone = await newToken(admin);
    const alsoGone = await newToken(admin);
    const kept = await newToken(admin);
    const foreign = await newToken(other.admin);

    const shared = await createPolicy(admin, { name: "b shared", decision: "non_identity", include: [ip, tokenRule(gone.id), tokenRule(kept.id)] });
    const only = await createPolicy(admin, { name: "a only", decision: "non_identity", include: [tokenRule(gone.id)] });
    const required = await createPolicy(admin, {
      name: "c required",
      decision: "non_identity",
      include: [{ any_valid_service_token: {} }],
      require: [tokenRule(alsoGone.id), ip],
    });
    const excluded = await createPolicy(admin, { name: "d excluded", decision: "deny", include: [{ everyone: {} }], exclude: [tokenRule(gone.id), ip] });
    const both = await createPolicy(admin, {
      name: "e both",
      decision: "non_identity",
      include: [tokenRule(kept.id), tokenRule(alsoGone.id)],
      require: [tokenRule(kept.id)],
      exclude: [tokenRule(gone.id)],
    });
    const untouched = await createPolicy(admin, { name: "f untouched", decision: "non_identity", include: [tokenRule(kept.id)], require: [ip] });
    // Another account's token is no token of this one: its rule is as dead (the API refuses to
    // write one; an old row may hold it).
    const crossed = await createPolicy(admin, { name: "g crossed", decision: "non_identity", include: [tokenRule(kept.id)] });
    await withPg(url, (c) =>
      c.query("UPDATE access_policies SET include_rules = $2::jsonb WHERE id = $1", [crossed.id, JSON.stringify([tokenRule(kept.id), tokenRule(foreign.id)])]),
    );
    // Another account's policy naming its own live token: nothing to do there.
    const theirs = await createPolicy(other.admin, { name: "theirs", decision: "non_identity", include: [tokenRule(foreign.id)] });

    await deleteTokenRowOnly(gone.id);
    await deleteTokenRowOnly(alsoGone.id);

    const beforeMigration = new Map(
      await Promise.all([shared, only, required, excluded, both, untouched, crossed].map(async (p) => [p.id, await getPolicy(admin, p.id)] as const)),
    );
    // What deleteServiceToken would leave, one deleted token after the other.
    const expected = (id: string) => {
      let lists = beforeMigration.get(id)!;
      for (const dead of [gone.id, alsoGone.id, foreign.id]) {
        const next = withoutServiceToken(lists, dead);
        if (next) lists = { ...lists, ...next };
      }
      return { include: lists.include, require: lists.require, exclude: lists.exclude };
    };

    expect(await applyMigrations(url)).toContain(MIGRATION);

    expect(await getPolicy(admin, shared.id)).toMatchObject({ include: [ip, tokenRule(kept.id)], require: [], exclude: [] });
    expect(await getPolicy(admin, only.id)).toMatchObject({ include: [], require: [], exclude: [] });
    // Required a token that is gone: its include goes too, rather than letting in every token from 192.0.2.0/24.
    expect(await getPolicy(admin, required.id)).toMatchObject({ include: [], require: [ip], exclude: [] });
    expect(await getPolicy(admin, excluded.id)).toMatchObject({ include: [{ everyone: {} }], require: [], exclude: [ip] });
    expect(await getPolicy(admin, both.id)).toMatchObject({ include: [tokenRule(kept.id)], require: [tokenRule(kept.id)], exclude: [] });
    expect(await getPolicy(admin, crossed.id)).toMatchObject({ include: [tokenRule(kept.id)] });
    for (const p of [shared, only, required, excluded, both, crossed]) expect(await getPolicy(admin, p.id), p.name).toMatchObject(expected(p.id));
    expect(await getPolicy(admin, untouched.id)).toEqual(untouched);
    expect(await getPolicy(other.admin, theirs.id)).toEqual(theirs);

    // Each changed policy: one policy.update by the system, its snapshots as the dashboard writes them.
    for (const p of [shared, only, required, excluded, both, crossed]) {
      const rows = await auditRows(account.id, p.id);
      expect(rows.map((r) => [r.action, r.actorType]), p.name).toEqual([
        ["policy.create", "admin"],
        ["policy.update", "system"],
      ]);
      expect(rows[1]).toMatchObject({ objectType: "policy", objectName: p.name, actorId: null });
      expect(rows[1].before).toEqual(snapshot(beforeMigration.get(p.id)!));
      expect(rows[1].after).toEqual(snapshot(await getPolicy(admin, p.id)));
    }
    expect(await auditRows(account.id, untouched.id)).toHaveLength(1);
    expect(await auditRows(other.account.id, theirs.id)).toHaveLength(1);
  });
});
