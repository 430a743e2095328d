-- CreateEnum
CREATE TYPE "AccessAppType" AS ENUM ('self_hosted');

-- CreateEnum
CREATE TYPE "AccessPolicyDecision" AS ENUM ('allow', 'deny', 'non_identity', 'bypass');

-- CreateTable
CREATE TABLE "access_apps" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "aud" CHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "domain" VARCHAR(512) NOT NULL,
    "domain_host" VARCHAR(253) NOT NULL,
    "type" "AccessAppType" NOT NULL DEFAULT 'self_hosted',
    "session_duration" VARCHAR(64) NOT NULL DEFAULT '24h',
    "read_service_tokens_from_header" VARCHAR(255),
    "service_auth_401_redirect" BOOLEAN NOT NULL DEFAULT false,
    "last_revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_apps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_policies" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "decision" "AccessPolicyDecision" NOT NULL,
    "include_rules" JSONB NOT NULL,
    "require_rules" JSONB NOT NULL DEFAULT '[]',
    "exclude_rules" JSONB NOT NULL DEFAULT '[]',
    "session_duration" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_policies" (
    "app_id" UUID NOT NULL,
    "policy_id" UUID NOT NULL,
    "precedence" INTEGER NOT NULL,

    CONSTRAINT "app_policies_pkey" PRIMARY KEY ("app_id","policy_id")
);

-- CreateTable
CREATE TABLE "access_key_settings" (
    "account_id" CHAR(32) NOT NULL,
    "key_rotation_interval_days" INTEGER NOT NULL DEFAULT 42,
    "last_key_rotation_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_key_settings_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "account_settings" (
    "account_id" CHAR(32) NOT NULL,
    "strict_service_token_auth" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_settings_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "access_logs" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "allowed" BOOLEAN NOT NULL,
    "reason" VARCHAR(64) NOT NULL,
    "app_id" UUID,
    "app_domain" VARCHAR(512),
    "service_token_id" UUID,
    "client_id" VARCHAR(255),
    "ip_address" VARCHAR(64),
    "user_agent" VARCHAR(512),
    "ray_id" VARCHAR(32) NOT NULL,

    CONSTRAINT "access_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "access_apps_aud_key" ON "access_apps"("aud");

-- CreateIndex
CREATE INDEX "access_apps_domain_host_idx" ON "access_apps"("domain_host");

-- CreateIndex
CREATE INDEX "access_apps_account_id_name_id_idx" ON "access_apps"("account_id", "name", "id");

-- CreateIndex
CREATE UNIQUE INDEX "access_apps_account_id_domain_key" ON "access_apps"("account_id", "domain");

-- CreateIndex
CREATE INDEX "access_policies_account_id_name_id_idx" ON "access_policies"("account_id", "name", "id");

-- CreateIndex
CREATE INDEX "app_policies_policy_id_idx" ON "app_policies"("policy_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_policies_app_id_precedence_key" ON "app_policies"("app_id", "precedence");

-- CreateIndex
CREATE INDEX "access_logs_account_id_created_at_id_idx" ON "access_logs"("account_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "access_logs_account_id_service_token_id_created_at_idx" ON "access_logs"("account_id", "service_token_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "access_logs_account_id_app_id_created_at_idx" ON "access_logs"("account_id", "app_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "access_apps" ADD CONSTRAINT "access_apps_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_policies" ADD CONSTRAINT "access_policies_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_policies" ADD CONSTRAINT "app_policies_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "access_apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_policies" ADD CONSTRAINT "app_policies_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "access_policies"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_key_settings" ADD CONSTRAINT "access_key_settings_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_settings" ADD CONSTRAINT "account_settings_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_logs" ADD CONSTRAINT "access_logs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


