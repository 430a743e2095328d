import { History } from "lucide-react";
import Link from "next/link";

/** The history before the first alert was sent, failed or recorded as not sent. */
export function HistoryEmptyState() {
  return (
    <div className="flex flex-col items-center px-6 py-16 text-center">
      <History className="size-8 text-zinc-300" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-zinc-900">No alerts delivered yet</h2>
      <p className="mt-1 max-w-md text-sm text-zinc-500">
        When a service token comes within the lead time of a{" "}
        <Link href="/notifications" className="text-blue-700 hover:underline">
          notification
        </Link>
        , each email and webhook it sends is listed here: sent, failed or not sent, with the error and every attempt.
      </p>
    </div>
  );
}
