import { Lock } from "lucide-react";

/** Tells a Read only administrator why there are no buttons to change things. */
export function ReadOnlyNotice() {
  return (
    <p className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-xs text-zinc-600 shadow-xs">
      <Lock className="size-3.5 text-zinc-400" aria-hidden />
      Read only access: you can view but not change.
    </p>
  );
}
