import { KeyRound, Terminal, User } from "lucide-react";

const ICONS = { admin: User, api_token: KeyRound } as const;

/** Who did it: an administrator's email, an API token, or the system (CLI, first-run set-up). */
export function AuditActor({ type, label }: { type: string; label: string }) {
  const Icon = ICONS[type as keyof typeof ICONS] ?? Terminal;
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      <Icon className="size-3.5 shrink-0 text-zinc-400" aria-hidden />
      <span className="truncate" title={label}>
        {label}
      </span>
    </span>
  );
}
