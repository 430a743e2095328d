"use client";

import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { createPolicyAction, replacePolicyAction } from "@/app/(dashboard)/policies/actions";
import type { RuleListName } from "@/lib/access/rules";
import { POLICY_DECISION_LABELS, type PolicyDecision, type PolicyInput } from "@/lib/access/schemas";
import { SessionDurationField, useSessionDurationState } from "@/components/applications/session-duration-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { draftRuleProblem, fromRule, newDraftRule, RULE_LISTS, RuleList, toRule, type DraftRule } from "./rule-builder";
import type { PolicySummary, ServiceTokenOption } from "./types";

/** Cloudflare's order of actions. */
const DECISIONS: PolicyDecision[] = ["allow", "deny", "bypass", "non_identity"];

const DECISION_HINTS: Record<PolicyDecision, string> = {
  allow: "Admits people who match. A service token is never admitted by an Allow policy, but JWTs are reused only on applications with one.",
  deny: "Refuses requests that match, whatever comes after it.",
  bypass: "Lets matching requests through without checking any identity.",
  non_identity: "Admits service tokens that match, with no login: the action for machine clients.",
};

export function CreatePolicyDialog({ trigger, tokenOptions }: { trigger: React.ReactNode; tokenOptions: ServiceTokenOption[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent size="lg">
        <PolicyForm tokenOptions={tokenOptions} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

export function EditPolicyDialog({
  policy,
  tokenOptions,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  policy: PolicySummary;
  tokenOptions: ServiceTokenOption[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg" onCloseAutoFocus={onCloseAutoFocus}>
        <PolicyForm policy={policy} tokenOptions={tokenOptions} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

type Lists = Record<RuleListName, DraftRule[]>;

function PolicyForm({ policy, tokenOptions, onDone }: { policy?: PolicySummary; tokenOptions: ServiceTokenOption[]; onDone: () => void }) {
  const ids = { name: useId(), decision: useId() };
  const [name, setName] = useState(policy?.name ?? "");
  const [decision, setDecision] = useState<PolicyDecision>(policy?.decision ?? "non_identity");
  const [lists, setLists] = useState<Lists>(() => ({
    include: policy ? policy.include.map(fromRule) : [newDraftRule()],
    require: policy?.require.map(fromRule) ?? [],
    exclude: policy?.exclude.map(fromRule) ?? [],
  }));
  const duration = useSessionDurationState(policy ? policy.sessionDuration : null);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; error: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const nameProblem = name.trim() === "" ? "Enter a name." : null;
  const includeProblem = lists.include.length === 0 ? "Add at least one include rule." : null;
  const ruleProblems: Record<string, string | undefined> = {};
  for (const list of RULE_LISTS) for (const r of lists[list.name]) ruleProblems[r.key] = draftRuleProblem(r) ?? undefined;

  // "include.2.ip.ip" → the row it names.
  const serverRule = /^(include|require|exclude)\.(\d+)/.exec(serverError?.field ?? "");
  const serverRuleKey = serverRule ? lists[serverRule[1] as RuleListName][Number(serverRule[2])]?.key : undefined;
  const shownRuleProblems = (name: RuleListName) =>
    Object.fromEntries(lists[name].map((r) => [r.key, (submitted ? ruleProblems[r.key] : undefined) ?? (r.key === serverRuleKey ? serverError!.error : undefined)]));
  const nameError = (submitted && nameProblem) || (serverError?.field === "name" ? serverError.error : undefined);
  const generalError = serverError && !serverRuleKey && !["name", "session_duration"].includes(serverError.field ?? "") ? serverError.error : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (nameProblem || includeProblem || duration.problem || Object.values(ruleProblems).some(Boolean)) return;
    const input: PolicyInput = {
      name: name.trim(),
      decision,
      include: lists.include.map(toRule),
      require: lists.require.map(toRule),
      exclude: lists.exclude.map(toRule),
      session_duration: duration.value,
    };
    startTransition(async () => {
      const result = policy ? await replacePolicyAction(policy.id, input) : await createPolicyAction(input);
      if (!result.ok) {
        setServerError(result);
        toast.error(result.error);
        return;
      }
      onDone();
      toast.success(policy ? `Policy “${result.policy.name}” saved` : `Policy “${result.policy.name}” created`);
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <DialogHeader>
        <DialogTitle>{policy ? "Edit policy" : "Create policy"}</DialogTitle>
        <DialogDescription>
          A reusable policy: attach it to any number of applications.
          {policy && policy.appCount > 0 ? ` Changes apply at once to the ${policy.appCount === 1 ? "application" : `${policy.appCount} applications`} that use it.` : null}
        </DialogDescription>
      </DialogHeader>
      <DialogBody>
        <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
          <Field>
            <Label htmlFor={ids.name}>Policy name</Label>
            <Input
              id={ids.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. CI deploy tokens"
              maxLength={255}
              autoComplete="off"
              autoFocus={!policy}
              aria-invalid={nameError ? true : undefined}
            />
            <FieldError>{nameError}</FieldError>
          </Field>
          <Field>
            <Label htmlFor={ids.decision}>Action</Label>
            <NativeSelect id={ids.decision} value={decision} onChange={(e) => setDecision(e.target.value as PolicyDecision)}>
              {DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {POLICY_DECISION_LABELS[d]}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
        <FieldHint className="-mt-2">{DECISION_HINTS[decision]}</FieldHint>
        {RULE_LISTS.map((list) => (
          <RuleList
            key={list.name}
            list={list.name}
            title={list.title}
            description={list.description}
            rules={lists[list.name]}
            onChange={(next) => setLists((l) => ({ ...l, [list.name]: next }))}
            problems={shownRuleProblems(list.name)}
            listError={list.name === "include" && submitted ? (includeProblem ?? undefined) : undefined}
            tokenOptions={tokenOptions}
          />
        ))}
        <SessionDurationField
          state={duration}
          allowAppDefault
          hint="How long a session admitted by this policy lasts. It wins over the application's own session duration."
          serverError={serverError?.field === "session_duration" ? serverError.error : undefined}
          showEmptyError={submitted}
        />
        {generalError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {generalError}
          </p>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
