-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "AdminRole" AS ENUM ('super_admin', 'access_admin', 'read_only');

-- CreateTable
CREATE TABLE "accounts" (
    "id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "service_token_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admins" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "AdminRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3),

    CONSTRAINT "admins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "permissions" TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_by" VARCHAR(320) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_tokens" (
    "id" UUID NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "client_id" VARCHAR(64) NOT NULL,
    "secret_hash" CHAR(64) NOT NULL,
    "previous_secret_hash" CHAR(64),
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "client_secret_version" INTEGER NOT NULL DEFAULT 1,
    "duration" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(32) NOT NULL,
    "actor_type" VARCHAR(16) NOT NULL,
    "actor_id" VARCHAR(64),
    "actor_label" VARCHAR(320) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" VARCHAR(64),
    "object_name" VARCHAR(255),
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "success" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admins_email_key" ON "admins"("email");

-- CreateIndex
CREATE INDEX "admins_account_id_idx" ON "admins"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_account_id_created_at_idx" ON "api_tokens"("account_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "service_tokens_client_id_key" ON "service_tokens"("client_id");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_created_at_id_idx" ON "service_tokens"("account_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_name_id_idx" ON "service_tokens"("account_id", "name", "id");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_expires_at_id_idx" ON "service_tokens"("account_id", "expires_at", "id");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_last_seen_at_id_idx" ON "service_tokens"("account_id", "last_seen_at", "id");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_client_id_idx" ON "service_tokens"("account_id", "client_id");

-- CreateIndex
CREATE INDEX "service_tokens_name_trgm_idx" ON "service_tokens" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "service_tokens_client_id_trgm_idx" ON "service_tokens" USING GIN ("client_id" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "audit_logs_account_id_created_at_id_idx" ON "audit_logs"("account_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_account_id_object_type_object_id_created_at_idx" ON "audit_logs"("account_id", "object_type", "object_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "sign_in_attempts_email_created_at_idx" ON "sign_in_attempts"("email", "created_at");

-- CreateIndex
CREATE INDEX "sign_in_attempts_ip_created_at_idx" ON "sign_in_attempts"("ip", "created_at");

-- AddForeignKey
ALTER TABLE "admins" ADD CONSTRAINT "admins_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_tokens" ADD CONSTRAINT "service_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


