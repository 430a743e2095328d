-- The validation endpoint: signing keys, aggregated access-log rows, previous-secret usage, and
-- the change notifications every instance listens to for its validation caches.

-- AlterTable
ALTER TABLE "service_tokens" ADD COLUMN "previous_secret_last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN "previous_secret_last_seen_ip" VARCHAR(64);

-- AlterTable
ALTER TABLE "access_logs" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "access_signing_keys" (
    "kid" VARCHAR(64) NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "certificate" TEXT NOT NULL,
    "private_key_encrypted" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE INDEX "access_signing_keys_account_id_created_at_idx" ON "access_signing_keys"("account_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "access_logs_account_id_reason_created_at_idx" ON "access_logs"("account_id", "reason", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "access_signing_keys" ADD CONSTRAINT "access_signing_keys_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Change notifications on channel "gatepost_access", sent at COMMIT to every listening instance
-- (lib/access/validation/change-feed.ts). Payloads:
--   t:<service token id>:<client id>   a service token changed in a way validation cares about
--   a:<account id>                      applications, policies, attachments or account settings
--   k:<account id>                      signing keys
-- Writes that only record usage (last_seen_at, previous_secret_last_seen_*) notify nobody: they
-- happen once a minute per token and would empty every instance's cache for nothing.
CREATE FUNCTION gatepost_notify_service_token() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_OP = 'UPDATE' AND
     (NEW.secret_hash, NEW.previous_secret_hash, NEW.previous_secret_expires_at, NEW.enabled,
      NEW.expires_at, NEW.name, NEW.client_id, NEW.account_id)
     IS NOT DISTINCT FROM
     (OLD.secret_hash, OLD.previous_secret_hash, OLD.previous_secret_expires_at, OLD.enabled,
      OLD.expires_at, OLD.name, OLD.client_id, OLD.account_id) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('gatepost_access', 't:' || r.id::text || ':' || r.client_id);
  IF TG_OP = 'UPDATE' AND OLD.client_id IS DISTINCT FROM NEW.client_id THEN
    PERFORM pg_notify('gatepost_access', 't:' || OLD.id::text || ':' || OLD.client_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION gatepost_notify_account() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  PERFORM pg_notify('gatepost_access', TG_ARGV[0] || ':' || r.account_id);
  RETURN NULL;
END $$;

-- app_policies has no account_id: any attachment change empties the application caches.
CREATE FUNCTION gatepost_notify_attachments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatepost_access', 'a:*');
  RETURN NULL;
END $$;

CREATE TRIGGER "service_tokens_notify" AFTER INSERT OR UPDATE OR DELETE ON "service_tokens"
  FOR EACH ROW EXECUTE FUNCTION gatepost_notify_service_token();
CREATE TRIGGER "access_apps_notify" AFTER INSERT OR UPDATE OR DELETE ON "access_apps"
  FOR EACH ROW EXECUTE FUNCTION gatepost_notify_account('a');
CREATE TRIGGER "access_policies_notify" AFTER INSERT OR UPDATE OR DELETE ON "access_policies"
  FOR EACH ROW EXECUTE FUNCTION gatepost_notify_account('a');
CREATE TRIGGER "account_settings_notify" AFTER INSERT OR UPDATE OR DELETE ON "account_settings"
  FOR EACH ROW EXECUTE FUNCTION gatepost_notify_account('a');
CREATE TRIGGER "app_policies_notify" AFTER INSERT OR UPDATE OR DELETE ON "app_policies"
  FOR EACH STATEMENT EXECUTE FUNCTION gatepost_notify_attachments();
CREATE TRIGGER "access_signing_keys_notify" AFTER INSERT OR UPDATE OR DELETE ON "access_signing_keys"
  FOR EACH ROW EXECUTE FUNCTION gatepost_notify_account('k');
