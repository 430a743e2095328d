import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record";
import { assertCan, type Actor } from "../auth/actor";
import { getDb, type Tx } from "../db/client";
import { lockAccountObject } from "../db/locks";
import { AppError, invalid, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { parseInput } from "../input/parse";
import { likePattern, pageWindow } from "../input/list";
import { isUuid } from "../input/uuid";
import { parseAppDomain } from "./domain";
import { policyViewSelect, toPolicyView, type AccessPolicyView } from "./policies";
import {
  appInputSchema,
  listAppsSchema,
  type AppInput,
  type AppType,
  type ListAppsInput,
  type ParsedAppInput,
  type PolicyAttachment,
} from "./schemas";

// The only writer of access_apps and app_policies rows. Same shape as the service-token service:
// capability check, account scope on every query, row lock for changes, audit row in the same
// transaction.

const appViewSelect = {
  id: true,
  aud: true,
  name: true,
  domain: true,
  type: true,
  sessionDuration: true,
  readServiceTokensFromHeader: true,
  serviceAuth401Redirect: true,
  lastRevokedAt: true,
  createdAt: true,
  updatedAt: true,
  policies: { select: { precedence: true, policy: { select: policyViewSelect } }, orderBy: { precedence: "asc" } },
} as const satisfies Prisma.AccessAppSelect;

type AppRow = Prisma.AccessAppGetPayload<{ select: typeof appViewSelect }>;

export interface AttachedPolicyView extends AccessPolicyView {
  /** Evaluation order within the application, ascending. */
  precedence: number;
}

export interface AccessAppView {
  id: string;
  /** JWT audience: 64 hex, fixed at create. */
  aud: string;
  name: string;
  /** "host" or "host/path". */
  domain: string;
  type: AppType;
  sessionDuration: string;
  readServiceTokensFromHeader: string | null;
  serviceAuth401Redirect: boolean;
  /** Last "Revoke existing tokens": JWTs issued before it are refused. */
  lastRevokedAt: Date | null;
  /** In ascending precedence. */
  policies: AttachedPolicyView[];
  createdAt: Date;
  updatedAt: Date;
}

function toAppView(row: AppRow): AccessAppView {
  const { policies, ...app } = row;
  return { ...app, policies: policies.map((p) => ({ ...toPolicyView(p.policy), precedence: p.precedence })) };
}

async function readApp(tx: Tx, id: string): Promise<AccessAppView> {
  return toAppView(await tx.accessApp.findUniqueOrThrow({ where: { id }, select: appViewSelect }));
}

/** Locks and returns the app, or throws not_found (also for another account's app or a malformed id). */
async function lockApp(tx: Tx, actor: Actor, id: string): Promise<AccessAppView> {
  if (!(await lockAccountObject(tx, "access_apps", actor.accountId, id))) throw notFound("application");
  return readApp(tx, id);
}

/**
 * Every attached policy must belong to the caller's account. FOR SHARE keeps each one from being
 * deleted until this transaction ends (deletePolicy locks FOR UPDATE, then counts attachments).
 */
async function lockPoliciesForAttach(tx: Tx, actor: Actor, attachments: PolicyAttachment[]): Promise<void> {
  const malformed = attachments.find((a) => !isUuid(a.policyId));
  if (malformed) throw invalid(malformed.field, "no policy with this id in this account");
  if (attachments.length === 0) return;
  const ids = attachments.map((a) => a.policyId).sort();
  const found = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM access_policies
    WHERE account_id = ${actor.accountId} AND id = ANY(${ids}::uuid[])
    ORDER BY id FOR SHARE`;
  const known = new Set(found.map((r) => r.id));
  const missing = attachments.find((a) => !known.has(a.policyId));
  if (missing) throw invalid(missing.field, "no policy with this id in this account");
}

function domainConflict(domain: string): AppError {
  return new AppError("conflict", `conflict: an application with domain "${domain}" already exists`);
}

async function assertDomainFree(tx: Tx, actor: Actor, domain: string, exceptId: string | null): Promise<void> {
  const other = await tx.accessApp.findFirst({
    where: { accountId: actor.accountId, domain, ...(exceptId === null ? {} : { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (other) throw domainConflict(domain);
}

/** Two requests racing for one domain both pass assertDomainFree; the unique index stops the second. */
async function mapUniqueViolation<T>(domain: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw domainConflict(domain);
    throw e;
  }
}

function columnsOf(data: ParsedAppInput) {
  return {
    name: data.name,
    domain: data.domain,
    domainHost: parseAppDomain(data.domain).host,
    type: data.type,
    sessionDuration: data.session_duration,
    readServiceTokensFromHeader: data.read_service_tokens_from_header,
    serviceAuth401Redirect: data.service_auth_401_redirect,
  };
}

type AppContent = Pick<
  AccessAppView,
  "name" | "domain" | "type" | "sessionDuration" | "readServiceTokensFromHeader" | "serviceAuth401Redirect"
> & { policies: { id: string; precedence: number }[] };

function contentOfView(app: AccessAppView): AppContent {
  return {
    name: app.name,
    domain: app.domain,
    type: app.type,
    sessionDuration: app.sessionDuration,
    readServiceTokensFromHeader: app.readServiceTokensFromHeader,
    serviceAuth401Redirect: app.serviceAuth401Redirect,
    policies: app.policies.map((p) => ({ id: p.id, precedence: p.precedence })),
  };
}

function contentOfInput(data: ParsedAppInput): AppContent {
  const { domainHost: _host, ...columns } = columnsOf(data);
  const policies = data.policies.map((p) => ({ id: p.policyId, precedence: p.precedence }));
  return { ...columns, policies: policies.sort((a, b) => a.precedence - b.precedence) };
}

/** What the audit log keeps of an application. */
function auditSnapshot(app: AppContent & { aud: string; lastRevokedAt: Date | null }): Prisma.InputJsonObject {
  return {
    name: app.name,
    domain: app.domain,
    aud: app.aud,
    type: app.type,
    session_duration: app.sessionDuration,
    read_service_tokens_from_header: app.readServiceTokensFromHeader,
    service_auth_401_redirect: app.serviceAuth401Redirect,
    policies: app.policies,
    last_revoked_at: app.lastRevokedAt?.toISOString() ?? null,
  };
}

async function audit(tx: Tx, actor: Actor, verb: string, before: AccessAppView | null, after: AccessAppView | null) {
  const subject = (after ?? before)!;
  await recordAudit(tx, actor, {
    action: `app.${verb}`,
    objectType: "app",
    objectId: subject.id,
    objectName: subject.name,
    before: before ? auditSnapshot({ ...contentOfView(before), aud: before.aud, lastRevokedAt: before.lastRevokedAt }) : undefined,
    after: after ? auditSnapshot({ ...contentOfView(after), aud: after.aud, lastRevokedAt: after.lastRevokedAt }) : undefined,
  });
}

async function attachPolicies(tx: Tx, appId: string, attachments: PolicyAttachment[]): Promise<void> {
  if (attachments.length === 0) return;
  await tx.accessAppPolicy.createMany({
    data: attachments.map((a) => ({ appId, policyId: a.policyId, precedence: a.precedence })),
  });
}

export async function listApps(actor: Actor, input: ListAppsInput = {}) {
  assertCan(actor, "apps:read");
  const q = parseInput(listAppsSchema, input);
  const where: Prisma.AccessAppWhereInput = { accountId: actor.accountId };
  if (q.search) {
    const pattern = likePattern(q.search);
    where.OR = [
      { name: { contains: pattern, mode: "insensitive" } },
      { domain: { contains: pattern, mode: "insensitive" } },
    ];
  }
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.accessApp.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(q),
      select: appViewSelect,
    }),
    db.accessApp.count({ where }),
  ]);
  return { items: rows.map(toAppView), total, page: q.page, perPage: q.perPage };
}

export async function getApp(actor: Actor, id: string): Promise<AccessAppView> {
  assertCan(actor, "apps:read");
  if (!isUuid(id)) throw notFound("application");
  const row = await getDb().accessApp.findFirst({ where: { id, accountId: actor.accountId }, select: appViewSelect });
  if (!row) throw notFound("application");
  return toAppView(row);
}

export async function createApp(actor: Actor, input: AppInput): Promise<AccessAppView> {
  assertCan(actor, "apps:write");
  const data = parseInput(appInputSchema, input);
  return mapUniqueViolation(data.domain, () =>
    getDb().$transaction(async (tx) => {
      await assertDomainFree(tx, actor, data.domain, null);
      await lockPoliciesForAttach(tx, actor, data.policies);
      const id = randomUUID();
      await tx.accessApp.create({
        data: { id, accountId: actor.accountId, aud: randomBytes(32).toString("hex"), ...columnsOf(data) },
        select: { id: true },
      });
      await attachPolicies(tx, id, data.policies);
      const created = await readApp(tx, id);
      await audit(tx, actor, "create", null, created);
      return created;
    }),
  );
}

/**
 * PUT: replaces the whole application. Omitted optional fields return to their defaults (and an
 * omitted `policies` detaches every policy); `aud`, `created_at` and the revocation time stay.
 */
export async function replaceApp(actor: Actor, id: string, input: AppInput): Promise<AccessAppView> {
  assertCan(actor, "apps:write");
  const data = parseInput(appInputSchema, input);
  return mapUniqueViolation(data.domain, () =>
    getDb().$transaction(async (tx) => {
      const before = await lockApp(tx, actor, id);
      if (JSON.stringify(contentOfView(before)) === JSON.stringify(contentOfInput(data))) return before;
      await assertDomainFree(tx, actor, data.domain, id);
      await lockPoliciesForAttach(tx, actor, data.policies);
      await tx.accessApp.update({ where: { id }, data: columnsOf(data), select: { id: true } });
      await tx.accessAppPolicy.deleteMany({ where: { appId: id } });
      await attachPolicies(tx, id, data.policies);
      const after = await readApp(tx, id);
      await audit(tx, actor, "update", before, after);
      return after;
    }),
  );
}

export async function deleteApp(actor: Actor, id: string): Promise<AccessAppView> {
  assertCan(actor, "apps:write");
  return getDb().$transaction(async (tx) => {
    const before = await lockApp(tx, actor, id);
    // app_policies rows go with it (ON DELETE CASCADE); the policies themselves stay.
    await tx.accessApp.delete({ where: { id } });
    await audit(tx, actor, "delete", before, null);
    return before;
  });
}

/** "Revoke existing tokens": from now on, JWTs for this app issued before this moment are refused. */
export async function revokeAppTokens(actor: Actor, id: string): Promise<AccessAppView> {
  assertCan(actor, "apps:write");
  return getDb().$transaction(async (tx) => {
    const before = await lockApp(tx, actor, id);
    await tx.accessApp.update({ where: { id }, data: { lastRevokedAt: new Date() }, select: { id: true } });
    const after = await readApp(tx, id);
    await audit(tx, actor, "revoke_tokens", before, after);
    return after;
  });
}
