import type { Metadata } from "next";
import { listAccessLogPage } from "@/lib/access/access-log";
import { listApps } from "@/lib/access/apps";
import { requireAdmin } from "@/lib/auth/require-admin";
import { AppError } from "@/lib/errors";
import { getServiceToken, serviceTokenNames } from "@/lib/service-tokens/service";
import { AccessLogEmptyState } from "@/components/access-logs/access-log-empty-state";
import { AccessLogTable } from "@/components/access-logs/access-log-table";
import type { AccessLogEntry, FilterOption } from "@/components/access-logs/types";
import { ParamProblems } from "@/components/data-table/param-problems";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { redirectPastLastPage, type RawParams } from "../../list-params";
import { hasFilters, parseAuthLogParams, rangeStart } from "./search-params";

export const metadata: Metadata = { title: "Authentication" };

/** The application filter offers the account's applications; the domain caps a page at 1000. */
const MAX_APP_OPTIONS = 1000;

const BREADCRUMBS = [{ label: "Logs" }, { label: "Authentication" }];
const DESCRIPTION = "Every check of a service token by the validation endpoint: allowed or refused, why, from where.";

async function tokenOrNull(actor: Awaited<ReturnType<typeof requireAdmin>>, id: string) {
  try {
    return await getServiceToken(actor, id);
  } catch (e) {
    // A deleted token still has its log.
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  }
}

export default async function AuthenticationLogPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const actor = await requireAdmin("audit:read");
  const raw = await searchParams;
  const { params, problems, cleanHref } = parseAuthLogParams(raw);

  if (problems.length > 0) {
    return (
      <>
        <PageHeader breadcrumbs={BREADCRUMBS} title="Authentication" description={DESCRIPTION} />
        <Card className="overflow-hidden">
          <ParamProblems problems={problems} cleanHref={cleanHref} />
        </Card>
      </>
    );
  }

  const now = new Date();
  const since = rangeStart(params.range, now);
  const [list, apps, token] = await Promise.all([
    listAccessLogPage(actor, {
      page: params.page,
      limit: params.perPage,
      ...(params.app ? { appId: params.app } : {}),
      ...(params.token ? { serviceTokenId: params.token } : {}),
      ...(params.outcome ? { allowed: params.outcome === "allowed" } : {}),
      ...(params.reason ? { reason: params.reason } : {}),
      ...(since ? { since } : {}),
    }),
    listApps(actor, { perPage: MAX_APP_OPTIONS }),
    params.token ? tokenOrNull(actor, params.token) : null,
  ]);
  redirectPastLastPage("/logs/authentication", raw, { items: list.items, total: list.total, page: params.page, perPage: params.perPage });

  const names = await serviceTokenNames(actor, list.items.flatMap((e) => (e.serviceTokenId ? [e.serviceTokenId] : [])));
  const appNames = new Map(apps.items.map((a) => [a.id, a.name]));
  const entries: AccessLogEntry[] = list.items.map((e) => ({
    ...e,
    appName: (e.appId && appNames.get(e.appId)) || null,
    serviceTokenName: (e.serviceTokenId && names[e.serviceTokenId]) || null,
  }));
  const appOptions: FilterOption[] = apps.items.map((a) => ({ value: a.id, label: `${a.name} (${a.domain})` }));
  // A deleted application's id (from an old link) is still a filter: name it rather than show the id.
  if (params.app && !appNames.has(params.app)) appOptions.push({ value: params.app, label: "Deleted application" });
  const filtered = hasFilters(params);

  return (
    <>
      <PageHeader breadcrumbs={BREADCRUMBS} title="Authentication" description={DESCRIPTION} />
      <Card className="min-w-0 overflow-hidden">
        {list.total === 0 && !filtered ? (
          <AccessLogEmptyState />
        ) : (
          <AccessLogTable
            list={{ items: entries, total: list.total, page: params.page, perPage: params.perPage }}
            filtered={filtered}
            appOptions={appOptions}
            token={params.token ? { id: params.token, name: token?.name ?? null } : null}
          />
        )}
      </Card>
    </>
  );
}
