import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Db, type Tx } from "../db/client";
import { lockAccountObject } from "../db/locks";
import { AppError, invalid, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { parseInput } from "../input/parse";
import { likePattern, pageWindow } from "../input/list";
import { isUuid } from "../input/uuid";
import { serviceTokenReferences, withoutServiceToken, type Rule, type RuleListName } from "./rules";
import type { AppRef, ServiceTokenUsage } from "./token-usage";
import {
  listPoliciesSchema,
  policyInputSchema,
  storedPolicyInputSchema,
  type ListPoliciesInput,
  type ParsedPolicyInput,
  type PolicyDecision,
  type PolicyInput,
} from "./schemas";

// The only writer of access_policies rows (reusable policies). Same shape as the service-token
// service: capability check, account scope on every query, row lock for changes, audit row in
// the same transaction.

export const policyViewSelect = {
  id: true,
  name: true,
  decision: true,
  includeRules: true,
  requireRules: true,
  excludeRules: true,
  sessionDuration: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { apps: true } },
} as const satisfies Prisma.AccessPolicySelect;

type PolicyRow = Prisma.AccessPolicyGetPayload<{ select: typeof policyViewSelect }>;

export interface AccessPolicyView {
  id: string;
  name: string;
  decision: PolicyDecision;
  include: Rule[];
  require: Rule[];
  exclude: Rule[];
  /** null: the application's session duration applies. */
  sessionDuration: string | null;
  /** Applications the policy is attached to. */
  appCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toPolicyView(row: PolicyRow): AccessPolicyView {
  return {
    id: row.id,
    name: row.name,
    decision: row.decision,
    // Written only through policyInputSchema, so the stored JSON is a valid rule list.
    include: row.includeRules as Rule[],
    require: row.requireRules as Rule[],
    exclude: row.excludeRules as Rule[],
    sessionDuration: row.sessionDuration,
    appCount: row._count.apps,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Locks and returns the policy, or throws not_found (also for another account's policy or a malformed id). */
async function lockPolicy(tx: Tx, actor: Actor, id: string): Promise<AccessPolicyView> {
  if (!(await lockAccountObject(tx, "access_policies", actor.accountId, id))) throw notFound("policy");
  return toPolicyView(await tx.accessPolicy.findUniqueOrThrow({ where: { id }, select: policyViewSelect }));
}

type PolicyContent = Pick<AccessPolicyView, "name" | "decision" | "include" | "require" | "exclude" | "sessionDuration">;

function auditSnapshot(p: PolicyContent) {
  return {
    name: p.name,
    decision: p.decision,
    include: p.include,
    require: p.require,
    exclude: p.exclude,
    session_duration: p.sessionDuration,
  } as Prisma.InputJsonObject;
}

function contentOf(data: ParsedPolicyInput): PolicyContent {
  return {
    name: data.name,
    decision: data.decision,
    include: data.include,
    require: data.require,
    exclude: data.exclude,
    sessionDuration: data.session_duration,
  };
}

function columnsOf(c: PolicyContent) {
  return {
    name: c.name,
    decision: c.decision,
    includeRules: c.include as Prisma.InputJsonArray,
    requireRules: c.require as Prisma.InputJsonArray,
    excludeRules: c.exclude as Prisma.InputJsonArray,
    sessionDuration: c.sessionDuration,
  };
}

/**
 * Locks FOR SHARE, until the transaction ends, the tokens of the caller's account that `content`
 * names, and returns their ids: a token's delete (which takes its row FOR UPDATE, then the
 * policies naming it) waits for this change, or this one sees the token gone. Taken before the
 * policy's own lock, in the order the delete takes them.
 */
async function lockNamedTokens(tx: Tx, actor: Actor, content: PolicyContent): Promise<Set<string>> {
  const ids = [...new Set(serviceTokenReferences(content).map((r) => r.tokenId))].sort();
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM service_tokens WHERE account_id = ${actor.accountId} AND id = ANY(${ids}::uuid[]) ORDER BY id FOR SHARE`;
  return new Set(rows.map((r) => r.id));
}

/**
 * Every service_token rule must name a token of the caller's account (`known`, from
 * lockNamedTokens). Ids in `alreadyStored` (the policy's current rules) are accepted even if that
 * token is gone, so that GET-then-PUT of a policy keeps working; such a rule simply matches nothing.
 */
function assertTokensKnown(content: PolicyContent, known: ReadonlySet<string>, alreadyStored: ReadonlySet<string>) {
  const missing = serviceTokenReferences(content).find((r) => !known.has(r.tokenId) && !alreadyStored.has(r.tokenId));
  if (missing) throw invalid(missing.path, "no service token with this id in this account");
}

async function audit(tx: Tx, actor: Actor, verb: string, id: string, before: PolicyContent | null, after: PolicyContent | null) {
  await recordAudit(tx, actor, {
    action: `policy.${verb}`,
    objectType: "policy",
    objectId: id,
    objectName: (after ?? before)!.name,
    before: before ? auditSnapshot(before) : undefined,
    after: after ? auditSnapshot(after) : undefined,
  });
}

/** A policy as other objects' answers name it. */
export interface PolicyRef {
  id: string;
  name: string;
}

export interface PolicyListItem extends AccessPolicyView {
  /** Every application the policy is attached to ("Used by"), by name. */
  apps: AppRef[];
}

export async function listPolicies(actor: Actor, input: ListPoliciesInput = {}) {
  assertCan(actor, "apps:read");
  const q = parseInput(listPoliciesSchema, input);
  const where: Prisma.AccessPolicyWhereInput = { accountId: actor.accountId };
  if (q.search) where.name = { contains: likePattern(q.search), mode: "insensitive" };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.accessPolicy.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(q),
      select: {
        ...policyViewSelect,
        apps: { select: { app: { select: { id: true, name: true, domain: true } } }, orderBy: [{ app: { name: "asc" } }, { appId: "asc" }] },
      },
    }),
    db.accessPolicy.count({ where }),
  ]);
  const items: PolicyListItem[] = rows.map((row) => ({ ...toPolicyView(row), apps: row.apps.map((a) => a.app) }));
  return { items, total, page: q.page, perPage: q.perPage };
}

export async function getPolicy(actor: Actor, id: string): Promise<AccessPolicyView> {
  assertCan(actor, "apps:read");
  if (!isUuid(id)) throw notFound("policy");
  const row = await getDb().accessPolicy.findFirst({ where: { id, accountId: actor.accountId }, select: policyViewSelect });
  if (!row) throw notFound("policy");
  return toPolicyView(row);
}

export async function createPolicy(actor: Actor, input: PolicyInput): Promise<AccessPolicyView> {
  assertCan(actor, "apps:write");
  const content = contentOf(parseInput(policyInputSchema, input));
  return getDb().$transaction(async (tx) => {
    assertTokensKnown(content, await lockNamedTokens(tx, actor, content), new Set());
    const created = await tx.accessPolicy.create({
      data: { id: randomUUID(), accountId: actor.accountId, ...columnsOf(content) },
      select: policyViewSelect,
    });
    const view = toPolicyView(created);
    await audit(tx, actor, "create", view.id, null, view);
    return view;
  });
}

/**
 * PUT: replaces the whole policy; omitted require/exclude become [] and session_duration null. An
 * include must have a rule, except in a policy whose include is already empty (a token's delete
 * can leave it so, see removeServiceTokenFromPolicies), which may be put back as it is.
 */
export async function replacePolicy(actor: Actor, id: string, input: PolicyInput): Promise<AccessPolicyView> {
  assertCan(actor, "apps:write");
  const content = contentOf(parseInput(storedPolicyInputSchema, input));
  return getDb().$transaction(async (tx) => {
    const known = await lockNamedTokens(tx, actor, content);
    const before = await lockPolicy(tx, actor, id);
    if (content.include.length === 0 && before.include.length > 0) throw invalid("include", "must contain at least one rule");
    if (JSON.stringify(auditSnapshot(before)) === JSON.stringify(auditSnapshot(content))) return before;
    assertTokensKnown(content, known, new Set(serviceTokenReferences(before).map((r) => r.tokenId)));
    const after = toPolicyView(await tx.accessPolicy.update({ where: { id }, data: columnsOf(content), select: policyViewSelect }));
    await audit(tx, actor, "update", id, before, after);
    return after;
  });
}

/** Refused with a conflict while the policy is attached to an application. */
export async function deletePolicy(actor: Actor, id: string): Promise<AccessPolicyView> {
  assertCan(actor, "apps:write");
  return getDb().$transaction(async (tx) => {
    // Attaching takes FOR SHARE on the policy row, so no app can attach it between count and delete.
    const before = await lockPolicy(tx, actor, id);
    const attached = await tx.accessAppPolicy.count({ where: { policyId: id } });
    if (attached > 0) throw new AppError("conflict", `conflict: policy is used by ${attached} application(s)`);
    await tx.accessPolicy.delete({ where: { id } });
    await audit(tx, actor, "delete", id, before, null);
    return before;
  });
}

/** The ids of the account's policies with a rule naming the token, locked FOR UPDATE in id order when `lock` is set. */
async function policiesNaming(db: Tx | Db, accountId: string, tokenId: string, opts: { lock: boolean }): Promise<string[]> {
  // token_id is stored lowercase by the rule schema, so JSONB containment finds every reference.
  const probe = JSON.stringify([{ service_token: { token_id: tokenId } }]);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM access_policies
    WHERE account_id = ${accountId}
      AND (include_rules @> ${probe}::jsonb OR require_rules @> ${probe}::jsonb OR exclude_rules @> ${probe}::jsonb)
    ORDER BY id ${opts.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows.map((r) => r.id);
}

/**
 * Takes the deleted service token `tokenId` out of the rules of the account's policies, in the
 * caller's transaction (deleteServiceToken's), each change with its policy.update audit row, and
 * returns the policies changed. What goes, and why nothing is let in that was not before:
 * withoutServiceToken (lib/access/rules.ts). A policy can be left with an empty include, which
 * matches nothing until an edit gives it a rule again (replacePolicy).
 */
export async function removeServiceTokenFromPolicies(tx: Tx, actor: Actor, tokenId: string): Promise<PolicyRef[]> {
  const ids = await policiesNaming(tx, actor.accountId, tokenId.toLowerCase(), { lock: true });
  const changed: PolicyRef[] = [];
  for (const id of ids) {
    const before = toPolicyView(await tx.accessPolicy.findUniqueOrThrow({ where: { id }, select: policyViewSelect }));
    const rules = withoutServiceToken(before, tokenId.toLowerCase());
    if (rules === null) continue;
    const content: PolicyContent = { ...before, ...rules };
    const after = toPolicyView(await tx.accessPolicy.update({ where: { id }, data: columnsOf(content), select: policyViewSelect }));
    await audit(tx, actor, "update", id, before, after);
    changed.push({ id, name: before.name });
  }
  return changed.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Which policies (and through them, which applications) name a service token: for its detail page and delete dialog. */
export async function policiesReferencingServiceToken(actor: Actor, tokenId: string): Promise<ServiceTokenUsage> {
  assertCan(actor, "service_tokens:read");
  if (!isUuid(tokenId)) throw notFound("service token");
  const id = tokenId.toLowerCase();
  const db = getDb();
  const token = await db.serviceToken.findFirst({ where: { id, accountId: actor.accountId }, select: { id: true } });
  if (!token) throw notFound("service token");
  const matches = await policiesNaming(db, actor.accountId, id, { lock: false });
  if (matches.length === 0) return { policies: [], apps: [] };
  const rows = await db.accessPolicy.findMany({
    where: { accountId: actor.accountId, id: { in: matches } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      ...policyViewSelect,
      apps: { select: { precedence: true, app: { select: { id: true, name: true, domain: true } } }, orderBy: { app: { name: "asc" } } },
    },
  });
  const apps = new Map<string, AppRef>();
  const policies = rows.map((row) => {
    const view = toPolicyView(row);
    const lists = (["include", "require", "exclude"] as const).filter((name) =>
      view[name].some((rule) => "service_token" in rule && rule.service_token.token_id === id),
    );
    for (const a of row.apps) apps.set(a.app.id, a.app);
    return {
      id: view.id,
      name: view.name,
      decision: view.decision,
      lists,
      matchesNothingAfterDelete: withoutServiceToken(view, id)?.include.length === 0,
      apps: row.apps.map((a) => ({ ...a.app, precedence: a.precedence })),
    };
  });
  return { policies, apps: [...apps.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * For each of `tokenIds` (tokens of `accountId`), the applications that admit it by name: those
 * with a Service Auth policy whose include or require rules name the token. What stops working when
 * it expires, for the expiry alerts; read by the system (no actor), for tokens it already selected.
 */
export async function appsAdmittingServiceTokens(accountId: string, tokenIds: readonly string[]): Promise<Map<string, AppRef[]>> {
  const out = new Map<string, AppRef[]>();
  if (tokenIds.length === 0) return out;
  const rows = await getDb().$queryRaw<{ token_id: string; id: string; name: string; domain: string }[]>`
    SELECT DISTINCT v.token_id::text AS token_id, a.id::text AS id, a.name, a.domain
    FROM unnest(${tokenIds}::uuid[]) AS v(token_id)
    JOIN access_policies p
      ON p.account_id = ${accountId} AND p.decision = 'non_identity'
     AND (p.include_rules @> jsonb_build_array(jsonb_build_object('service_token', jsonb_build_object('token_id', v.token_id::text)))
       OR p.require_rules @> jsonb_build_array(jsonb_build_object('service_token', jsonb_build_object('token_id', v.token_id::text))))
    JOIN app_policies ap ON ap.policy_id = p.id
    JOIN access_apps a ON a.id = ap.app_id
    ORDER BY a.name, a.id::text`;
  for (const r of rows) {
    const list = out.get(r.token_id) ?? [];
    list.push({ id: r.id, name: r.name, domain: r.domain });
    out.set(r.token_id, list);
  }
  return out;
}
