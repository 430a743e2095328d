// Run by tests/integration/logs.test.ts as a child process (tsx), so that everything pino writes to
// stdout/stderr can be captured: a whole lifecycle of service tokens, API tokens and sign-ins, with
// the app's real logger at the most verbose level. The values that must never be logged are written
// to the file named by the first argument, never to stdout or stderr.
import { writeFileSync } from "node:fs";
import { createAccount } from "../../lib/accounts/service";
import { authenticateAdmin, createAdmin } from "../../lib/admins/service";
import { createApiToken, revokeApiToken } from "../../lib/api-tokens/service";
import type { Actor } from "../../lib/auth/actor";
import { disconnectDb } from "../../lib/db/client";
import { applyMigrations } from "../../lib/db/migrate";
import { AppError } from "../../lib/errors";
import { logger } from "../../lib/logger";
import {
  createServiceToken,
  deleteServiceToken,
  listServiceTokens,
  refreshServiceToken,
  rotateServiceTokenSecret,
  setPreviousSecretExpiry,
  updateServiceToken,
} from "../../lib/service-tokens/service";

async function main(outFile: string) {
  const url = process.env.DATABASE_URL!;
  const run = Math.random().toString(16).slice(2, 10);
  const ip = `10.${run.charCodeAt(0)}.${run.charCodeAt(1)}.${run.charCodeAt(2)}`;
  const secrets: string[] = [];
  const apiTokens: string[] = [];
  const passwords: string[] = [];

  await applyMigrations(url);
  const account = await createAccount({ kind: "system", label: "log test" }, { name: `logs ${run}` });
  const system: Actor = { kind: "system", accountId: account.id, label: "log test" };

  const password = `pw-${run}-correct-horse`;
  const wrongPassword = `pw-${run}-wrong-horse`;
  passwords.push(password, wrongPassword);
  const email = `logs-${run}@example.test`;
  const admin = await createAdmin(system, { email, password, role: "super_admin" });
  const actor: Actor = { kind: "admin", accountId: account.id, adminId: admin.id, email, role: "super_admin" };

  // Sign-ins: a success, failures, then the limit (refused even with the right password).
  if (!(await authenticateAdmin(email, password, ip))) throw new Error("sign-in failed");
  for (let i = 0; i < 5; i++) await authenticateAdmin(email, wrongPassword, ip);
  await authenticateAdmin(email, password, ip).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === "rate_limited")) throw e;
  });

  // A service token's whole life.
  const created = await createServiceToken(actor, { name: `logged ${run}`, duration: "8760h" });
  secrets.push(created.clientSecret);
  const id = created.token.id;
  const rotated = await rotateServiceTokenSecret(actor, id, { previousSecretExpiresAt: new Date(Date.now() + 3_600_000) });
  secrets.push(rotated.clientSecret);
  const rotatedAgain = await rotateServiceTokenSecret(actor, id);
  secrets.push(rotatedAgain.clientSecret);
  await setPreviousSecretExpiry(actor, id, new Date(Date.now() - 1));
  await refreshServiceToken(actor, id);
  await updateServiceToken(actor, id, { name: `renamed ${run}`, duration: "17520h" });
  await updateServiceToken(actor, id, { enabled: false });
  await updateServiceToken(actor, id, { enabled: true });
  await listServiceTokens(actor, { search: "renamed" });
  // A refused input, in case an error path logs what it was given.
  await createServiceToken(actor, { name: created.clientSecret, duration: created.clientSecret }).catch(() => undefined);
  await deleteServiceToken(actor, id);

  const forever = await createServiceToken(actor, { name: `forever ${run}`, duration: "forever" });
  secrets.push(forever.clientSecret);
  await deleteServiceToken(actor, forever.token.id);

  // API tokens.
  const apiToken = await createApiToken(actor, { name: `ci ${run}`, permissions: ["Access: Service Tokens Write"] });
  apiTokens.push(apiToken.value);
  await revokeApiToken(actor, apiToken.token.id);

  // The logger's own redaction, for the fields that commonly carry secrets (a webhook destination's
  // secret under its own name and as the header it is sent in).
  const webhookSecret = `whsec-${run}-logged`;
  logger.info(
    { clientSecret: created.clientSecret, password, token: apiToken.value, secret: webhookSecret, headers: { "cf-webhook-auth": webhookSecret } },
    "redaction check",
  );

  writeFileSync(outFile, JSON.stringify({ secrets, apiTokens, passwords, webhookSecrets: [webhookSecret] }));
  await disconnectDb();
}

main(process.argv[2]).catch((e: unknown) => {
  process.stderr.write(`lifecycle failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
