-- Notifications: alert policies, webhook destinations, and the deliveries that are both the history
-- and the claim that makes each alert go out once (alert_deliveries_claim_key, lib/alerts/claims.ts).
-- The scan finds tokens through service_tokens_account_id_expires_at_id_idx (account, expiry range).

-- CreateEnum
CREATE TYPE "AlertType" AS ENUM ('expiring_service_token_alert');

-- CreateEnum
CREATE TYPE "AlertMechanism" AS ENUM ('email', 'webhook');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('pending', 'sent', 'failed', 'not_sent');

-- CreateTable
CREATE TABLE "alert_policies" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" VARCHAR(1024) NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "alert_type" "AlertType" NOT NULL,
    "email_recipients" VARCHAR(320)[],
    "lead_days" INTEGER[],
    "token_ids" UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_webhooks" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "secret_encrypted" TEXT,
    "last_success" TIMESTAMPTZ(3),
    "last_failure" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_policy_webhooks" (
    "policy_id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,

    CONSTRAINT "alert_policy_webhooks_pkey" PRIMARY KEY ("policy_id","webhook_id")
);

-- CreateTable
CREATE TABLE "alert_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "policy_id" UUID NOT NULL,
    "policy_name" VARCHAR(255) NOT NULL,
    "service_token_id" UUID NOT NULL,
    "service_token_name" VARCHAR(255) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "lead_days" INTEGER NOT NULL,
    "mechanism" "AlertMechanism" NOT NULL,
    "target" VARCHAR(320) NOT NULL,
    "target_name" VARCHAR(255),
    "status" "AlertDeliveryStatus" NOT NULL,
    "error" VARCHAR(1024),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempt_log" JSONB NOT NULL DEFAULT '[]',
    "alert_body" TEXT NOT NULL,
    "owner" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_policies_account_id_name_id_idx" ON "alert_policies"("account_id", "name", "id");

-- CreateIndex
CREATE INDEX "alert_webhooks_account_id_name_id_idx" ON "alert_webhooks"("account_id", "name", "id");

-- CreateIndex
CREATE INDEX "alert_policy_webhooks_webhook_id_idx" ON "alert_policy_webhooks"("webhook_id");

-- CreateIndex
CREATE INDEX "alert_deliveries_account_id_created_at_id_idx" ON "alert_deliveries"("account_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "alert_deliveries_status_owner_idx" ON "alert_deliveries"("status", "owner");

-- CreateIndex
CREATE UNIQUE INDEX "alert_deliveries_claim_key" ON "alert_deliveries"("policy_id", "service_token_id", "expires_at", "lead_days", "mechanism", "target");

-- AddForeignKey
ALTER TABLE "alert_policies" ADD CONSTRAINT "alert_policies_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_webhooks" ADD CONSTRAINT "alert_webhooks_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policy_webhooks" ADD CONSTRAINT "alert_policy_webhooks_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "alert_policies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_policy_webhooks" ADD CONSTRAINT "alert_policy_webhooks_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "alert_webhooks"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
