"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { createPolicyAction, replacePolicyAction } from "@/app/(dashboard)/policies/actions";
import type { RuleListName } from "@/lib/access/rules";
import { POLICY_DECISION_LABELS, type PolicyDecision, type PolicyInput } from "@/lib/access/schemas";
import { SESSION_DURATION } from "@/components/applications/session-duration";
import { DurationField, useDurationState } from "@/components/forms/duration-field";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { DialogForm, FormDialog } from "@/components/forms/form-dialog";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { DialogState } from "@/components/ui/dialog-switch";
import { Field, FieldHint } from "@/components/ui/field";
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
  return (
    <FormDialog trigger={trigger} size="lg">
      {(close) => <PolicyForm tokenOptions={tokenOptions} onDone={close} />}
    </FormDialog>
  );
}

export function EditPolicyDialog({ policy, tokenOptions, ...dialog }: DialogState & { policy: PolicySummary; tokenOptions: ServiceTokenOption[] }) {
  return (
    <FormDialog {...dialog} size="lg">
      {(close) => <PolicyForm policy={policy} tokenOptions={tokenOptions} onDone={close} />}
    </FormDialog>
  );
}

type Lists = Record<RuleListName, DraftRule[]>;

function PolicyForm({ policy, tokenOptions, onDone }: { policy?: PolicySummary; tokenOptions: ServiceTokenOption[]; onDone: () => void }) {
  const decisionId = useId();
  const form = useActionForm();
  const [name, setName] = useState(policy?.name ?? "");
  const [decision, setDecision] = useState<PolicyDecision>(policy?.decision ?? "non_identity");
  const [lists, setLists] = useState<Lists>(() => ({
    include: policy ? policy.include.map(fromRule) : [newDraftRule()],
    require: policy?.require.map(fromRule) ?? [],
    exclude: policy?.exclude.map(fromRule) ?? [],
  }));
  const duration = useDurationState(SESSION_DURATION, policy ? policy.sessionDuration : null);

  const nameProblem = name.trim() === "" ? "Enter a name." : null;
  const includeProblem = lists.include.length === 0 ? "Add at least one include rule." : null;
  const ruleProblems: Record<string, string | undefined> = {};
  for (const list of RULE_LISTS) for (const r of lists[list.name]) ruleProblems[r.key] = draftRuleProblem(r) ?? undefined;

  // "include.2.ip.ip" → the row it names.
  const failure = form.failure;
  const serverRule = /^(include|require|exclude)\.(\d+)/.exec(failure?.field ?? "");
  const serverRuleKey = serverRule ? lists[serverRule[1] as RuleListName][Number(serverRule[2])]?.key : undefined;
  const shownRuleProblems = (name: RuleListName) =>
    Object.fromEntries(lists[name].map((r) => [r.key, (form.submitted ? ruleProblems[r.key] : undefined) ?? (r.key === serverRuleKey ? failure!.error : undefined)]));

  function submit() {
    if (nameProblem || includeProblem || duration.problem || Object.values(ruleProblems).some(Boolean)) return;
    const input: PolicyInput = {
      name: name.trim(),
      decision,
      include: lists.include.map(toRule),
      require: lists.require.map(toRule),
      exclude: lists.exclude.map(toRule),
      session_duration: duration.value,
    };
    form.run(
      () => (policy ? replacePolicyAction(policy.id, input) : createPolicyAction(input)),
      (result) => {
        onDone();
        toast.success(policy ? `Policy “${result.policy.name}” saved` : `Policy “${result.policy.name}” created`);
      },
    );
  }

  return (
    <DialogForm
      form={form}
      onSubmit={submit}
      onCancel={onDone}
      title={policy ? "Edit policy" : "Create policy"}
      description={
        <>
          A reusable policy: attach it to any number of applications.
          {policy && policy.appCount > 0 ? ` Changes apply at once to the ${policy.appCount === 1 ? "application" : `${policy.appCount} applications`} that use it.` : null}
        </>
      }
      error={serverRuleKey ? null : form.generalError(["name", "session_duration"])}
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <TextField
          label="Policy name"
          value={name}
          onChange={setName}
          error={form.errorFor("name", nameProblem)}
          placeholder="e.g. CI deploy tokens"
          maxLength={255}
          autoFocus={!policy}
        />
        <Field>
          <Label htmlFor={decisionId}>{FIELD_LABELS.decision}</Label>
          <NativeSelect id={decisionId} value={decision} onChange={(e) => setDecision(e.target.value as PolicyDecision)}>
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
          listError={list.name === "include" && form.submitted ? (includeProblem ?? undefined) : undefined}
          tokenOptions={tokenOptions}
        />
      ))}
      <DurationField
        label={FIELD_LABELS.session_duration}
        state={duration}
        none="Same as the application"
        hint="How long a session admitted by this policy lasts. It wins over the application's own session duration."
        serverError={form.errorFor("session_duration")}
        showEmptyError={form.submitted}
      />
    </DialogForm>
  );
}
