import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { z } from "zod";
import { listAuditLogs } from "@/lib/audit/query";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { AUDIT_PER_PAGE, DEFAULT_AUDIT_PER_PAGE } from "@/components/audit/list-options";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { first, pageParamFields, parseSearchParam, type RawParams } from "../../list-params";

export const metadata: Metadata = { title: "Audit" };

// Unreadable values fall back to defaults: a hand-edited URL still shows the log.
const paramsSchema = z.object({
  ...pageParamFields(AUDIT_PER_PAGE, DEFAULT_AUDIT_PER_PAGE),
  action: z.string().regex(/^[a-z_.]{1,64}$/).catch(""),
});

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin("audit:read");
  const raw = await searchParams;
  const p = { ...paramsSchema.parse({ page: first(raw.page), per_page: first(raw.per_page), action: first(raw.action) ?? "" }), ...parseSearchParam(raw.q) };
  const { items, total, names } = await listAuditLogs(actor, {
    page: p.page,
    perPage: p.per_page,
    action: p.action || undefined,
    search: p.q || undefined,
  });
  const filtered = Boolean(p.action || p.q || p.searchProblem);

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Logs" }, { label: "Audit" }]}
        title="Audit"
        description="Every change made by administrators, API tokens and the command line: who did what, and when."
      />
      <Card className="overflow-hidden">
        {total === 0 && !filtered ? (
          <div className="flex flex-col items-center px-6 py-16 text-center">
            <ScrollText className="size-8 text-zinc-300" aria-hidden />
            <h2 className="mt-4 text-base font-semibold text-zinc-900">No audit events yet</h2>
            <p className="mt-1 max-w-md text-sm text-zinc-500">Creating, changing or deleting a service token, an API token or an administrator is recorded here.</p>
          </div>
        ) : (
          <AuditLogTable list={{ items, total, page: p.page, perPage: p.per_page }} names={names} filtered={filtered} searchProblem={p.searchProblem} />
        )}
      </Card>
    </>
  );
}
