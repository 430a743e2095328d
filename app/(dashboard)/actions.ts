"use server";

import { changeOwnPassword, type ChangePasswordInput } from "@/lib/admins/own-password";
import { adminAction } from "@/lib/auth/admin-action";

// Server actions of the account menu, on every dashboard page.

export const changePasswordAction = adminAction(async (actor, input: ChangePasswordInput) => changeOwnPassword(actor, input));
