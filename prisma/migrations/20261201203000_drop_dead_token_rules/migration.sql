-- Rules naming a service token that no longer exists: left by deletes made before a token's delete
-- took it out of its policies' rules (they show as "deleted token (…)"). Removed with the delete's
-- own semantics (withoutServiceToken, lib/access/rules.ts): include and exclude lose the rule; a
-- policy that *required* a missing token could only ever have matched that token, so its include is
-- emptied too (an empty include matches nothing) rather than widened to every other token its rules
-- allow. A rule is dead when no token of the policy's own account has its id. Each policy changed
-- gets a policy.update audit row, as the delete writes one, by the system.

CREATE TEMPORARY TABLE "dead_token_rule_policies" AS
WITH "rules" AS (
    SELECT p."id", l."list", e."rule", e."n",
           e."rule" ? 'service_token' AND NOT EXISTS (
               SELECT 1 FROM "service_tokens" t
                WHERE t."account_id" = p."account_id" AND t."id"::text = lower(e."rule" -> 'service_token' ->> 'token_id')
           ) AS "dead"
      FROM "access_policies" p
     CROSS JOIN LATERAL (VALUES ('include', p."include_rules"), ('require', p."require_rules"), ('exclude', p."exclude_rules")) AS l("list", "rules")
     CROSS JOIN LATERAL jsonb_array_elements(l."rules") WITH ORDINALITY AS e("rule", "n")
),
"kept" AS (
    SELECT "id",
           bool_or("dead" AND "list" = 'require') AS "required_dead",
           coalesce(jsonb_agg("rule" ORDER BY "n") FILTER (WHERE "list" = 'include' AND NOT "dead"), '[]') AS "include_rules",
           coalesce(jsonb_agg("rule" ORDER BY "n") FILTER (WHERE "list" = 'require' AND NOT "dead"), '[]') AS "require_rules",
           coalesce(jsonb_agg("rule" ORDER BY "n") FILTER (WHERE "list" = 'exclude' AND NOT "dead"), '[]') AS "exclude_rules"
      FROM "rules"
     GROUP BY "id"
    HAVING bool_or("dead")
)
SELECT p."id", p."account_id", p."name", p."decision", p."session_duration",
       p."include_rules" AS "include_before", p."require_rules" AS "require_before", p."exclude_rules" AS "exclude_before",
       CASE WHEN k."required_dead" THEN '[]'::jsonb ELSE k."include_rules" END AS "include_after",
       k."require_rules" AS "require_after",
       k."exclude_rules" AS "exclude_after"
  FROM "access_policies" p
  JOIN "kept" k ON k."id" = p."id";

UPDATE "access_policies" p
   SET "include_rules" = d."include_after",
       "require_rules" = d."require_after",
       "exclude_rules" = d."exclude_after",
       "updated_at" = CURRENT_TIMESTAMP
  FROM "dead_token_rule_policies" d
 WHERE p."id" = d."id";

-- The audit row's snapshots are the ones the dashboard and the API write (auditSnapshot, lib/access/policies.ts).
INSERT INTO "audit_logs" ("account_id", "actor_type", "actor_id", "actor_label", "action", "object_type", "object_id", "object_name", "before", "after")
SELECT d."account_id", 'system', NULL, 'migration: rules of deleted service tokens removed', 'policy.update', 'policy', d."id"::text, d."name",
       jsonb_build_object('name', d."name", 'decision', d."decision", 'include', d."include_before", 'require', d."require_before",
                          'exclude', d."exclude_before", 'session_duration', d."session_duration"),
       jsonb_build_object('name', d."name", 'decision', d."decision", 'include', d."include_after", 'require', d."require_after",
                          'exclude', d."exclude_after", 'session_duration', d."session_duration")
  FROM "dead_token_rule_policies" d
 ORDER BY d."account_id", d."name", d."id";

DROP TABLE "dead_token_rule_policies";
