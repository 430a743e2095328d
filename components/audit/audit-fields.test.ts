import { describe, expect, it } from "vitest";
import { AUDIT_FIELD_LABELS, auditFieldLabel, formatAuditValue, summarizeAuditEntry } from "./audit-fields";
import type { AuditNames } from "./types";

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const T3 = "33333333-3333-4333-8333-333333333333";
const P1 = "44444444-4444-4444-8444-444444444444";
const names: AuditNames = {
  serviceTokens: { [T1]: { name: "CI deploy", deleted: false }, [T2]: { name: "Old runner", deleted: true } },
  policies: { [P1]: { name: "Deploy", deleted: false } },
};

describe("the audit view's words", () => {
  it("shows a created policy's rules as the policy page does, and leaves out the empty lists", () => {
    const summary = summarizeAuditEntry(
      undefined,
      {
        name: "Deploy",
        decision: "non_identity",
        include: [{ service_token: { token_id: T1 } }, { service_token: { token_id: T2 } }, { service_token: { token_id: T3 } }],
        require: [],
        exclude: [],
        session_duration: null,
      },
      names,
    );
    expect(summary).toEqual({
      kind: "created",
      fields: [
        { key: "name", label: "Name", value: "Deploy" },
        { key: "decision", label: "Action", value: "Service Auth" },
        {
          key: "include",
          label: "Include",
          value: "Service Token: CI deploy · Service Token: Old runner (deleted) · Service Token: deleted token (33333333…)",
        },
      ],
    });
  });

  it("labels every key in words: no raw aud, type or snake_case beside the others", () => {
    const summary = summarizeAuditEntry(
      undefined,
      { name: "Intranet", domain: "intranet.example.com", aud: "abc123", type: "self_hosted", policies: [{ id: P1, precedence: 1 }], some_new_field: 3 },
      names,
    );
    expect(summary.kind).toBe("created");
    const fields = summary.kind === "created" ? summary.fields : [];
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ["Name", "Intranet"],
      ["Domain", "intranet.example.com"],
      ["Policies", "Deploy"],
      ["Type", "Self-hosted"],
      ["Application Audience (AUD) Tag", "abc123"],
      ["Some new field", "3"],
    ]);
    for (const label of Object.values(AUDIT_FIELD_LABELS)) expect(label).not.toMatch(/_|^[a-z]/);
    expect(auditFieldLabel("rotation_window")).toBe("Rotation window");
  });

  it("an update lists only what changed, in words", () => {
    const before = { name: "Deploy", decision: "allow", include: [{ everyone: {} }], exclude: [] };
    const after = { name: "Deploy", decision: "deny", include: [{ everyone: {} }], exclude: null };
    expect(summarizeAuditEntry(before, after, names)).toEqual({
      kind: "changed",
      fields: [{ key: "decision", label: "Action", before: "Allow", after: "Block" }],
    });
  });

  it("writes values as the rest of the dashboard does", () => {
    expect(formatAuditValue("expires_at", null, names)).toBe("Never");
    expect(formatAuditValue("enabled", false, names)).toBe("No");
    expect(formatAuditValue("duration", "8760h", names)).toBe("1 year");
    expect(formatAuditValue("role", "read_only", names)).toBe("Read only");
    expect(formatAuditValue("token_id", [T1], names)).toBe("CI deploy");
    expect(formatAuditValue("exclude", [{ ip: { ip: "10.0.0.0/8" } }], names)).toBe("IP ranges: 10.0.0.0/8");
    expect(formatAuditValue("key_rotation_interval_days", 42, names)).toBe("42 days");
  });
});
