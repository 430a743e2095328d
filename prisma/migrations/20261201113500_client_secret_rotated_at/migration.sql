-- When the last rotation of a service token's secret happened: a PUT that began before it and asks
-- for the version it made lost the race to it (409).

-- AlterTable
ALTER TABLE "service_tokens" ADD COLUMN "client_secret_rotated_at" TIMESTAMPTZ(3);
