-- The Overview's counts (serviceTokenHealth) and the list's ?status= filters: each count an
-- index-only range scan, by expiry or by last use, so it costs the entries it counts at any size.
-- CreateIndex
CREATE INDEX "service_tokens_account_id_enabled_expires_at_idx" ON "service_tokens"("account_id", "enabled", "expires_at");

-- CreateIndex
CREATE INDEX "service_tokens_account_id_enabled_last_seen_at_expires_at_idx" ON "service_tokens"("account_id", "enabled", "last_seen_at", "expires_at");
