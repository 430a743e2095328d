import { z } from "zod";
import { pageFields, searchSchema } from "../input/list";
import { nameSchema } from "../input/text";
import { timestampSchema } from "../input/time";
import { DurationError, parseGoDurationNs } from "../service-tokens/duration";
import { normalizeAppDomain } from "./domain";
import { ruleListSchema } from "./rules";

// One schema per input of lib/access, parsed by lib/input/parse.ts. Bodies use the wire field
// names (snake_case, as in the REST API and README), so that "invalid request: <field>: <reason>"
// names the field the caller sent; list queries use camelCase like lib/service-tokens. Pure:
// shared by forms and server.

// ---- Session durations ------------------------------------------------------------------------

export const DEFAULT_SESSION_DURATION = "24h";
const NS_PER_MS = 1_000_000n;
const MIN_SESSION_NS = 1_000_000_000n; // 1s
const MAX_SESSION_NS = 8760n * 3_600_000_000_000n; // 8760h
const SESSION_HINT = 'a Go duration such as "24h", "30m" or "1h30m" (units ns, us, ms, s, m, h; between 1s and 8760h)';

/** Why `value` is not a session duration, or null. */
export function sessionDurationProblem(value: string): string | null {
  if (value === "forever") return `must be a finite duration; expected ${SESSION_HINT}`;
  let ns: bigint;
  try {
    ns = parseGoDurationNs(value);
  } catch (e) {
    if (e instanceof DurationError) return `${e.message}; expected ${SESSION_HINT}`;
    throw e;
  }
  if (ns < MIN_SESSION_NS) return `must be at least 1s; expected ${SESSION_HINT}`;
  if (ns > MAX_SESSION_NS) return `must be at most 8760h; expected ${SESSION_HINT}`;
  return null;
}

/** A valid session duration in milliseconds (JWT lifetime, cookie Max-Age). */
export function sessionDurationMs(value: string): number {
  return Number(parseGoDurationNs(value) / NS_PER_MS);
}

export const sessionDurationSchema = z
  .string({ error: `must be ${SESSION_HINT}` })
  .trim()
  .superRefine((value, ctx) => {
    const problem = sessionDurationProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// ---- Applications -----------------------------------------------------------------------------

export const APP_TYPES = ["self_hosted"] as const;
export type AppType = (typeof APP_TYPES)[number];

export const MAX_POLICIES_PER_APP = 50;
const MAX_PRECEDENCE = 1_000_000;
// RFC 9110 field-name (token) characters.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** "App.Example.com/api/" → "app.example.com/api". */
export const appDomainSchema = z
  .string({ error: "must be a host name such as app.example.com, optionally with a path (app.example.com/api)" })
  .transform((value, ctx) => {
    const result = normalizeAppDomain(value);
    if ("problem" in result) {
      ctx.addIssue({ code: "custom", message: result.problem });
      return z.NEVER;
    }
    return result.domain;
  });

/** A header name, or null (absent, null or "" all mean: do not read a single header). */
export const serviceTokenHeaderSchema = z
  .string({ error: "must be an HTTP header name or null" })
  .trim()
  .max(255, "must be at most 255 characters")
  .nullable()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    if (!HEADER_NAME.test(value)) {
      ctx.addIssue({ code: "custom", message: "must be an HTTP header name such as X-Service-Token" });
      return z.NEVER;
    }
    return value;
  });

const policyRefObjectSchema = z.object(
  {
    id: z.string({ error: "must be a policy id" }),
    precedence: z
      .number({ error: "must be an integer of at least 1" })
      .int("must be an integer of at least 1")
      .min(1, "must be an integer of at least 1")
      .max(MAX_PRECEDENCE, `must be at most ${MAX_PRECEDENCE}`)
      .optional(),
  },
  { error: 'must be a policy id or an object {"id": "<policy id>", "precedence": <n>}' },
);

/** One entry of an app's `policies`: a policy id, or {id, precedence}. */
const policyRefSchema = z.unknown().transform((value, ctx): { id: string; precedence?: number; form: "id" | "object" } => {
  if (typeof value === "string") return { id: value, form: "id" };
  const parsed = policyRefObjectSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return { ...parsed.data, form: "object" };
});

export interface PolicyAttachment {
  policyId: string;
  precedence: number;
  /** Where the id came from in the request, for "invalid request: policies.1: ..." */
  field: string;
}

/** Precedence defaults to the position in the array, from 1; ids and precedences must be unique. */
const policyRefsSchema = z
  .array(policyRefSchema, { error: "must be an array of policy ids" })
  .max(MAX_POLICIES_PER_APP, `must have at most ${MAX_POLICIES_PER_APP} policies`)
  .nullable()
  .optional()
  .transform((refs, ctx): PolicyAttachment[] => {
    const out: PolicyAttachment[] = [];
    const seenIds = new Set<string>();
    const seenPrecedences = new Set<number>();
    (refs ?? []).forEach((ref, i) => {
      const field = ref.form === "id" ? `${i}` : `${i}.id`;
      const policyId = ref.id.trim().toLowerCase();
      const precedence = ref.precedence ?? i + 1;
      if (seenIds.has(policyId)) {
        ctx.addIssue({ code: "custom", message: "policy is listed more than once", path: ref.form === "id" ? [i] : [i, "id"] });
      } else if (seenPrecedences.has(precedence)) {
        ctx.addIssue({ code: "custom", message: `precedence ${precedence} is used by more than one policy`, path: [i, "precedence"] });
      }
      seenIds.add(policyId);
      seenPrecedences.add(precedence);
      out.push({ policyId, precedence, field: `policies.${field}` });
    });
    return out;
  });

/**
 * An application as created or replaced (PUT): every optional field that is omitted takes its
 * default, so a PUT without `policies` detaches them all.
 */
export const appInputSchema = z.object({
  name: nameSchema,
  domain: appDomainSchema,
  type: z.enum(APP_TYPES, { error: 'must be "self_hosted"' }).default("self_hosted"),
  session_duration: sessionDurationSchema.default(DEFAULT_SESSION_DURATION),
  read_service_tokens_from_header: serviceTokenHeaderSchema,
  service_auth_401_redirect: z.boolean({ error: "must be true or false" }).default(false),
  policies: policyRefsSchema,
});
export type AppInput = z.input<typeof appInputSchema>;
export type ParsedAppInput = z.output<typeof appInputSchema>;

const listQuery = {
  ...pageFields(),
  /** Case-insensitive substring of the name (and, for apps, the domain). */
  search: searchSchema.optional(),
};

export const listAppsSchema = z.object(listQuery);
export type ListAppsInput = z.input<typeof listAppsSchema>;

// ---- Reusable policies ------------------------------------------------------------------------

export const POLICY_DECISIONS = ["allow", "deny", "non_identity", "bypass"] as const;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];

/** The dashboard's names for decisions (Cloudflare shows non_identity as "Service Auth"). */
export const POLICY_DECISION_LABELS: Record<PolicyDecision, string> = {
  allow: "Allow",
  deny: "Block",
  non_identity: "Service Auth",
  bypass: "Bypass",
};

const optionalRuleList = ruleListSchema({ atLeastOne: false })
  .nullable()
  .optional()
  .transform((rules) => rules ?? []);

/** A reusable policy as created or replaced (PUT): omitted require/exclude become [], session_duration null. */
export const policyInputSchema = z.object({
  name: nameSchema,
  decision: z.enum(POLICY_DECISIONS, { error: `must be one of: ${POLICY_DECISIONS.join(", ")}` }),
  include: ruleListSchema({ atLeastOne: true }),
  require: optionalRuleList,
  exclude: optionalRuleList,
  session_duration: sessionDurationSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type PolicyInput = z.input<typeof policyInputSchema>;
export type ParsedPolicyInput = z.output<typeof policyInputSchema>;

/**
 * A policy as it may be stored, and so replaced: its include may be empty (matching nothing), as a
 * service token's delete can leave it; only a policy already in that state may be put back so.
 */
export const storedPolicyInputSchema = policyInputSchema.extend({ include: ruleListSchema({ atLeastOne: false }) });

export const listPoliciesSchema = z.object(listQuery);
export type ListPoliciesInput = z.input<typeof listPoliciesSchema>;

// ---- Settings ---------------------------------------------------------------------------------

export const DEFAULT_KEY_ROTATION_INTERVAL_DAYS = 42;

export const keySettingsInputSchema = z.object({
  key_rotation_interval_days: z
    .number({ error: "must be a whole number of days between 1 and 365" })
    .int("must be a whole number of days between 1 and 365")
    .min(1, "must be a whole number of days between 1 and 365")
    .max(365, "must be a whole number of days between 1 and 365"),
});
export type KeySettingsInput = z.input<typeof keySettingsInputSchema>;

export const accountSettingsInputSchema = z.object({
  strict_service_token_auth: z.boolean({ error: "must be true or false" }),
});
export type AccountSettingsInput = z.input<typeof accountSettingsInputSchema>;

// ---- Access logs ------------------------------------------------------------------------------

/**
 * The reasons the validator records (re-exported by access-log.ts). The column accepts others, so a
 * new cause needs no migration, but the list filter takes only these.
 */
export const ACCESS_LOG_REASONS = [
  "ok",
  "bypass",
  "missing_credentials",
  /** Malformed: one header without the other, a repeated header, bad single-header JSON. */
  "invalid_credentials",
  "unknown_client_id",
  "invalid_client_secret",
  "expired",
  "disabled",
  "token_deleted",
  "no_policy_match",
  "denied_by_policy",
  "invalid_jwt",
  "jwt_expired",
  "jwt_revoked",
  /** A JWT at an application without an allow policy. */
  "jwt_not_accepted",
  /** A JWT while strict mode is on. */
  "strict_mode",
  "rate_limited",
] as const;
export type AccessLogReason = (typeof ACCESS_LOG_REASONS)[number];
export const isAccessLogReason = (value: unknown): value is AccessLogReason =>
  typeof value === "string" && (ACCESS_LOG_REASONS as readonly string[]).includes(value);

export const listAccessLogsSchema = z
  .object({
    /** Inclusive bounds on created_at. */
    since: timestampSchema.optional(),
    until: timestampSchema.optional(),
    limit: z.coerce.number({ error: "must be an integer from 1 to 1000" }).int("must be an integer from 1 to 1000").min(1, "must be an integer from 1 to 1000").max(1000, "must be an integer from 1 to 1000").default(25),
    direction: z.enum(["asc", "desc"], { error: 'must be "asc" or "desc"' }).default("desc"),
    /** Pages of `limit` rows, for the dashboard. */
    page: z.coerce.number().int().min(1).default(1),
    serviceTokenId: z.uuid({ error: "must be a service token id (UUID)" }).optional(),
    appId: z.uuid({ error: "must be an application id (UUID)" }).optional(),
    allowed: z.boolean({ error: "must be true or false" }).optional(),
    reason: z.enum(ACCESS_LOG_REASONS, { error: `must be one of: ${ACCESS_LOG_REASONS.join(", ")}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.since && q.until && q.since > q.until) ctx.addIssue({ code: "custom", message: "must not be before since", path: ["until"] });
  });
export type ListAccessLogsInput = z.input<typeof listAccessLogsSchema>;
