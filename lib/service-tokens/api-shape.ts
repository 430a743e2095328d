import { z } from "zod";
import { nameSchema } from "../input/text";
import { rfc3339, rfc3339OrNull } from "../api/timestamps";
import { tokenDurationSchema } from "./schemas";
import type { ServiceTokenView } from "./service";

// The REST API's wire shape of a service token (Cloudflare's snake_case fields), in and out.
// Out: shaped through a schema so that nothing but these fields can leave; `client_secret` only in
// the answers of create, rotate and a rotating PUT. In: the fields a client may set, reusing the
// dashboard's field schemas. Unknown fields are ignored as Cloudflare ignores them, which also lets
// a GET result be PUT back as it is (id, client_id, created_at, ... are read-only and ignored).
// A null is treated as an absent field: some clients serialise unset optional fields that way.

/** The domain's names of the fields whose wire names differ, for the domain's refusals. */
export const SERVICE_TOKEN_WIRE_FIELDS = {
  previousSecretExpiresAt: "previous_client_secret_expires_at",
  clientSecretVersion: "client_secret_version",
} as const;

export const serviceTokenWireSchema = z.object({
  id: z.string(),
  name: z.string(),
  client_id: z.string(),
  duration: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_seen_at: z.string().nullable(),
  client_secret_version: z.number().int(),
  previous_client_secret_expires_at: z.string().nullable(),
  /** Gatepost's: the last use of the previous secret during the grace period (never its IP). */
  previous_client_secret_last_seen_at: z.string().nullable(),
  enabled: z.boolean(),
});
export type ServiceTokenWire = z.infer<typeof serviceTokenWireSchema>;

export const serviceTokenWithSecretWireSchema = serviceTokenWireSchema.extend({ client_secret: z.string() });
export type ServiceTokenWithSecretWire = z.infer<typeof serviceTokenWithSecretWireSchema>;

export function toServiceTokenWire(t: ServiceTokenView): ServiceTokenWire {
  return serviceTokenWireSchema.parse({
    id: t.id,
    name: t.name,
    client_id: t.clientId,
    duration: t.duration,
    expires_at: rfc3339OrNull(t.expiresAt),
    created_at: rfc3339(t.createdAt),
    updated_at: rfc3339(t.updatedAt),
    last_seen_at: rfc3339OrNull(t.lastSeenAt),
    client_secret_version: t.clientSecretVersion,
    previous_client_secret_expires_at: rfc3339OrNull(t.previousSecretExpiresAt),
    previous_client_secret_last_seen_at: rfc3339OrNull(t.previousSecretLastSeenAt),
    enabled: t.enabled,
  });
}

export function toServiceTokenWithSecretWire(t: ServiceTokenView, clientSecret: string): ServiceTokenWithSecretWire {
  return serviceTokenWithSecretWireSchema.parse({ ...toServiceTokenWire(t), client_secret: clientSecret });
}

const wireEnabledSchema = z.boolean({ error: "must be true or false" });
const RFC3339_HINT = "must be an RFC 3339 date-time such as 2030-01-31T12:00:00Z";
export const rfc3339InputSchema = z
  .string({ error: RFC3339_HINT })
  .pipe(z.iso.datetime({ offset: true, error: RFC3339_HINT }))
  .transform((s) => new Date(s));

/** POST body. `client_secret_version` and `previous_client_secret_expires_at` mean nothing before a rotation: ignored. */
export const createServiceTokenBodySchema = z.object({
  name: nameSchema,
  duration: tokenDurationSchema.nullish(),
  enabled: wireEnabledSchema.nullish(),
});

/** PUT body: every field optional; see lib/api/handlers/service-tokens.ts for what each one does. */
export const updateServiceTokenBodySchema = z.object({
  name: nameSchema.nullish(),
  duration: tokenDurationSchema.nullish(),
  enabled: wireEnabledSchema.nullish(),
  client_secret_version: z
    .number({ error: "must be an integer" })
    .int("must be an integer")
    .min(1, "must be at least 1")
    .max(2_147_483_647, "is too large")
    .nullish(),
  previous_client_secret_expires_at: rfc3339InputSchema.nullish(),
});

/** POST .../rotate body. Omitted: the old secret stops at once. */
export const rotateServiceTokenBodySchema = z.object({
  previous_client_secret_expires_at: rfc3339InputSchema.nullish(),
});
