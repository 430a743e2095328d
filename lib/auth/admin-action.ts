import "server-only";
import { revalidatePath } from "next/cache";
import { AppError } from "../errors";
import { formFailure, toFormFailure, type FormFailure, type FormResult } from "../forms";
import { requireAdmin, type AdminActor } from "./require-admin";

// The one shape of a dashboard server action: identify the administrator (or redirect to
// sign-in), call one domain function, re-render what changed, answer with a FormResult. The
// domain checks the role and parses the arguments, which come from the network.

/** A page to re-render after a change: its path, or `{ layout }` for a path and every page below it. */
export type RevalidateTarget = string | { layout: string };

export interface AdminActionOptions {
  /** Re-rendered after a success (never after a failure). */
  revalidate?: readonly RevalidateTarget[];
  /** The form field a conflict is about, for the form to mark (an application's taken domain). */
  conflictField?: string;
}

const isFailure = (value: object): value is FormFailure => "ok" in value && value.ok === false;

/**
 * Makes a server action of `run`, which gets the signed-in administrator and the action's
 * arguments and returns the answer's fields (or a FormFailure of its own). An AppError becomes the
 * form's message; anything else (a bug, Next's redirect) is rethrown to Next.
 */
export function adminAction<Args extends unknown[], T extends object>(
  run: (actor: AdminActor, ...args: Args) => Promise<T | FormFailure>,
  options: AdminActionOptions = {},
): (...args: Args) => Promise<FormResult<T>> {
  return async (...args) => {
    const actor = await requireAdmin();
    let result: T | FormFailure;
    try {
      result = await run(actor, ...args);
    } catch (e) {
      const failure = toFormFailure(e, actor.role);
      const conflict = options.conflictField !== undefined && e instanceof AppError && e.code === "conflict";
      return conflict ? formFailure(failure.error, options.conflictField) : failure;
    }
    if (isFailure(result)) return result;
    for (const target of options.revalidate ?? []) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target.layout, "layout");
    }
    return { ok: true, ...result };
  };
}
