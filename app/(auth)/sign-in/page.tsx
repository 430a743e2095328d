import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { adminCount } from "@/lib/admins/service";
import { currentAdmin } from "@/lib/auth/require-admin";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths: an open redirect through ?callbackUrl would help phishing. */
function safeNext(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return "/";
  try {
    const url = new URL(v, "http://local");
    if (url.origin !== "http://local" || !url.pathname.startsWith("/") || url.pathname.startsWith("/sign-in") || url.pathname.startsWith("/api/")) {
      return "/";
    }
    return `${url.pathname}${url.search}`;
  } catch {
    return "/";
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  if ((await adminCount()) === 0) redirect("/setup");
  if (await currentAdmin()) redirect("/");
  const { callbackUrl } = await searchParams;
  return <SignInForm next={safeNext(callbackUrl)} />;
}
