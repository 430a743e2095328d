import { Activity } from "lucide-react";

/** The log before the validation endpoint has checked a single request. */
export function AccessLogEmptyState() {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <Activity className="size-8 text-zinc-300" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No authentication attempts yet</h2>
      <p className="mt-1 max-w-md text-sm text-zinc-500">
        Send a request to a protected application with the <code className="font-mono text-[13px] text-zinc-700">CF-Access-Client-Id</code> and{" "}
        <code className="font-mono text-[13px] text-zinc-700">CF-Access-Client-Secret</code> headers of a service token: every check, allowed or refused,
        is listed here.
      </p>
    </div>
  );
}
