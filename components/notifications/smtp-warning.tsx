import { TriangleAlert } from "lucide-react";

/** On every Notifications page while SMTP_URL is unset: email alerts are recorded as not sent. */
export function SmtpWarning() {
  return (
    <div role="status" className="mb-6 flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <TriangleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
      <p>
        <span className="font-medium">Email alerts are not sent: set SMTP_URL and SMTP_FROM — see README.</span>{" "}
        Until then the history records each email as not sent; webhooks work without it.
      </p>
    </div>
  );
}
