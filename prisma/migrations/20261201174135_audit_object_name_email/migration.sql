-- AlterTable
ALTER TABLE "audit_logs" ALTER COLUMN "object_name" SET DATA TYPE VARCHAR(320);
