import { describe, expect, it } from "vitest";
import { snapshotReferences } from "./references";

describe("snapshotReferences", () => {
  it("finds the tokens of a policy's rules, an alert policy's filter and an application's policies", () => {
    const refs = snapshotReferences({
      name: "CI",
      include: [{ service_token: { token_id: "t1" } }, { everyone: {} }],
      require: [{ ip: { ip: "10.0.0.0/8" } }],
      exclude: [{ service_token: { token_id: "t2" } }],
    });
    snapshotReferences({ token_id: ["t3"], policies: [{ id: "p1", precedence: 1 }] }, refs);
    expect([...refs.serviceTokens]).toEqual(["t1", "t2", "t3"]);
    expect([...refs.policies]).toEqual(["p1"]);
  });

  it("ignores what is not a snapshot, or not shaped as one", () => {
    for (const v of [null, undefined, "x", 3, [], { include: "x", token_id: {}, policies: [null, { id: 4 }] }]) {
      const refs = snapshotReferences(v);
      expect(refs.serviceTokens.size + refs.policies.size).toBe(0);
    }
  });
});
