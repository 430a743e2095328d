import { emailConfigured } from "@/lib/alerts/deliver-email";
import { SmtpWarning } from "@/components/notifications/smtp-warning";

// The three Notifications pages (alert policies, destinations, history) say above their content
// when alert emails cannot be sent, since no policy form or history row would tell otherwise.
export default function NotificationsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      {emailConfigured() ? null : <SmtpWarning />}
      {children}
    </>
  );
}
