import type { Role } from "@/lib/auth/permissions";

/** What Settings › Administrators shows of an administrator (never a password or its hash). */
export interface AdminSummary {
  id: string;
  email: string;
  role: Role;
  lastSignInAt: Date | null;
  createdAt: Date;
}
