import { ListChecks } from "lucide-react";
import { DecisionBadge } from "@/components/policies/decision-badge";
import { RuleSummary } from "@/components/policies/rule-summary";
import type { TokenNames } from "@/components/policies/types";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { sessionDurationLabel } from "./session-duration";
import type { AttachedPolicy } from "./types";

/** An application's policies in evaluation order, for its page. */
export function AttachedPoliciesTable({ policies, tokenNames }: { policies: AttachedPolicy[]; tokenNames: TokenNames }) {
  if (policies.length === 0) {
    return (
      <div className="flex flex-col items-center px-6 py-10 text-center">
        <ListChecks className="size-7 text-zinc-300" aria-hidden />
        <p className="mt-3 text-sm font-medium text-zinc-900">No policies</p>
        <p className="mt-1 max-w-md text-sm text-zinc-500">Every request is refused until a policy admits it. Edit the application to add one.</p>
      </div>
    );
  }
  return (
    <Table aria-label="Attached policies">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="w-16">Order</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Rules</TableHead>
          <TableHead>Session duration</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {policies.map((p) => (
          <TableRow key={p.id}>
            <TableCell>
              <span className="flex size-6 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600">{p.precedence}</span>
            </TableCell>
            <TableCell className="font-medium text-zinc-900">
              <span className="block max-w-[12rem] truncate xl:max-w-[20rem]" title={p.name}>
                {p.name}
              </span>
            </TableCell>
            <TableCell>
              <DecisionBadge decision={p.decision} />
            </TableCell>
            <TableCell className="max-w-md py-2.5">
              <RuleSummary rules={p} tokenNames={tokenNames} compact />
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {p.sessionDuration ? sessionDurationLabel(p.sessionDuration) : <span className="text-zinc-500">Application&apos;s</span>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
