import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { adminCount } from "@/lib/admins/service";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Create the first administrator" };

// Open only while no administrator exists; setUpFirstAdmin checks again under a lock.
export default async function SetupPage() {
  await connection();
  if ((await adminCount()) > 0) redirect("/sign-in");
  return <SetupForm />;
}
