import { describe, expect, it } from "vitest";
import { createMetricsEndpoint } from "./endpoint";

describe("GET /metrics access", () => {
  it("without METRICS_TOKEN: loopback clients only", async () => {
    const metrics = createMetricsEndpoint({ token: undefined });
    expect((await metrics("127.0.0.1", undefined)).status).toBe(200);
    expect((await metrics("::1", undefined)).status).toBe(200);
    expect((await metrics("10.0.0.7", undefined)).status).toBe(403);
    expect((await metrics("unknown", undefined)).status).toBe(403);
    expect((await metrics(null, undefined)).status).toBe(403);
  });

  it("with METRICS_TOKEN: any client with the bearer token, and no one without it (loopback included)", async () => {
    const token = "s3cret-metrics-token-0123456789";
    const metrics = createMetricsEndpoint({ token });
    const ok = await metrics("10.0.0.7", `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^# HELP gatepost_validations_total /m);
    expect((await metrics("127.0.0.1", undefined)).status).toBe(401);
    expect((await metrics("127.0.0.1", `Bearer ${token}x`)).status).toBe(401);
    expect((await metrics("10.0.0.7", `Basic ${token}`)).status).toBe(401);
    const refused = await metrics("10.0.0.7", "Bearer wrong");
    expect(refused.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
    expect(refused.body).not.toContain(token);
  });
});
