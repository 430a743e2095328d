// `npm run cli -- <command>`: prints only the asked-for value on stdout; logs go to stderr.
import { parseArgs } from "node:util";
import { createAccount, ensureDefaultAccount, getAccount } from "../lib/accounts/service";
import { createAdmin } from "../lib/admins/service";
import { createApiToken, expiryFromDuration } from "../lib/api-tokens/service";
import type { Actor } from "../lib/auth/actor";
import { disconnectDb } from "../lib/db/client";
import { AppError } from "../lib/errors";
import { logger } from "../lib/logger";
import { prepareDatabase } from "../lib/runtime/bootstrap";

const USAGE = `usage:
  npm run cli -- admin create --email E --password P --role super_admin|access_admin|read_only [--account ID]
  npm run cli -- account create --name N
  npm run cli -- api-token create --name N --permission "Access: Service Tokens Write" [--permission ...] [--account ID] [--expires-in 720h]`;

class UsageError extends Error {}

async function cliActor(accountId: string | undefined): Promise<Actor> {
  const account = accountId ? await getAccount(accountId) : await ensureDefaultAccount();
  if (!account) throw new UsageError(`no account with id ${accountId}`);
  return { kind: "system", accountId: account.id, label: "cli" };
}

async function run(argv: string[]): Promise<string> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      account: { type: "string" },
      name: { type: "string" },
      permission: { type: "string", multiple: true },
      "expires-in": { type: "string" },
    },
    strict: true,
  });
  const need = (key: keyof typeof values): string => {
    const v = values[key];
    if (typeof v !== "string" || v === "") throw new UsageError(`--${key} is required`);
    return v;
  };
  switch (`${noun} ${verb}`) {
    case "account create":
      return (await createAccount({ kind: "system", label: "cli" }, { name: need("name") })).id;
    case "admin create": {
      const actor = await cliActor(values.account);
      const role = need("role") as "super_admin";
      const admin = await createAdmin(actor, { email: need("email"), password: need("password"), role });
      return admin.id;
    }
    case "api-token create": {
      const actor = await cliActor(values.account);
      const expiresIn = values["expires-in"];
      const { value } = await createApiToken(actor, {
        name: need("name"),
        permissions: values.permission ?? [],
        expiresAt: expiresIn ? expiryFromDuration(expiresIn) : null,
      });
      return value;
    }
    default:
      throw new UsageError(`unknown command: ${argv.slice(0, 2).join(" ") || "(none)"}`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes("--help")) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(argv.length === 0 ? 1 : 0);
  }
  const db = await prepareDatabase({ reuseRunning: true });
  let code = 0;
  try {
    process.stdout.write(`${await run(argv)}\n`);
  } catch (e) {
    code = 1;
    if (e instanceof UsageError || e instanceof AppError || (e as Error).name === "TypeError") {
      process.stderr.write(`error: ${(e as Error).message}\n${e instanceof UsageError ? USAGE + "\n" : ""}`);
    } else {
      logger.error({ err: { message: (e as Error).message, stack: (e as Error).stack } }, "command failed");
    }
  } finally {
    await disconnectDb();
    await db.stop();
  }
  process.exit(code);
}

void main();
