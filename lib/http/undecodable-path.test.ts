import { describe, expect, it } from "vitest";
import { undecodablePathAnswer } from "./undecodable-path";

describe("undecodablePathAnswer", () => {
  it.each(["/service-tokens/%ED%A0%80", "/applications/%E0%A4%A", "/%", "/policies/%zz?q=1", "/logs/%C0%AF"])("answers %s with the not-found page", (url) => {
    const a = undecodablePathAnswer(url)!;
    expect(a.status).toBe(404);
    expect(a.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(a.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(a.body).toContain("Page not found");
  });

  it.each(["/service-tokens", "/service-tokens/%00", "/applications/caf%C3%A9", "/?q=%E0%A4%A", "/service-tokens?q=%ED%A0%80", undefined])("leaves %s to Next", (url) => {
    expect(undecodablePathAnswer(url)).toBeNull();
  });
});
