import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { accountPath, api, call, expectFailure, expectSuccess } from "./client";
import { insertApiToken } from "../harness/server-fixtures";

// Every name (service tokens, applications, policies) refuses control characters, line breaks and
// bidirectional controls: U+202E would make "RTL" display as "LTR" in a security console.

const HOSTILE = ["line\nbreak", "tab\tbed", "bell\u0007", "esc\u001b[2J", "\u202eRTL", "a\u202ab", "a\u2066b\u2069", "a\u200fb", "next\u2028line", "c1\u0085"];
const unique = (p: string) => `${p}-${randomBytes(4).toString("hex")}`;
const ST = () => accountPath("/access/service_tokens");
const APPS = () => accountPath("/access/apps");
const POLICIES = () => accountPath("/access/policies");

let appsToken: string;

beforeAll(async () => {
  appsToken = await insertApiToken(api().databaseUrl, { accountId: api().accountId, name: "names-writer", permissions: ["Access: Apps and Policies Write"] });
});

describe("names", () => {
  it.each(HOSTILE)("refuses %j with a 400 naming the field, wherever a name is set, and stores nothing", async (name) => {
    const reason = "invalid request: name: must not contain control characters, line breaks or bidirectional text controls";
    expectFailure(await call("POST", ST(), { body: { name } }), 400, 10001, reason);
    const token = expectSuccess(await call("POST", ST(), { body: { name: unique("named") } }), 201).result;
    expectFailure(await call("PUT", `${ST()}/${token.id}`, { body: { name } }), 400, 10001, reason);
    expect(expectSuccess(await call("GET", `${ST()}/${token.id}`)).result.name).toBe(token.name);
    expectFailure(await call("POST", APPS(), { token: appsToken, body: { name, domain: `${unique("n")}.example.com` } }), 400, 10001, reason);
    expectFailure(await call("POST", POLICIES(), { token: appsToken, body: { name, decision: "non_identity", include: [{ any_valid_service_token: {} }] } }), 400, 10001, reason);
  });

  it("keeps names in any script, with emoji sequences and joiners", async () => {
    for (const name of ["עברית token", "العربية", "می\u200cخواهم", "👩\u200d💻 deploy", "日本語"]) {
      expect(expectSuccess(await call("POST", ST(), { body: { name } }), 201).result.name).toBe(name);
    }
  });
});
