"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { rotateSigningKeyAction, updateKeyRotationIntervalAction } from "@/app/(dashboard)/settings/actions";
import { FIELD_LABELS } from "@/components/forms/field-labels";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DetailItem } from "@/components/ui/detail-list";
import { Field, FieldError, FieldHint } from "@/components/ui/field";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export interface KeySchedule {
  keyRotationIntervalDays: number;
  lastKeyRotationAt: Date | null;
  nextKeyRotationAt: Date | null;
  daysUntilNextRotation: number;
}

const MIN_DAYS = 1;
const MAX_DAYS = 365;

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/**
 * The signing-key schedule: the interval and when the next rotation is due. With apps:write, the
 * interval can be changed and the key rotated now.
 */
export function KeyRotationSetting({ schedule, canChange, now }: { schedule: KeySchedule; canChange: boolean; now: Date }) {
  const id = useId();
  const errorId = useId();
  const form = useActionForm();
  const [value, setValue] = useState(String(schedule.keyRotationIntervalDays));

  const n = Number(value);
  const problem = !/^\d+$/.test(value.trim()) || n < MIN_DAYS || n > MAX_DAYS ? `Enter a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}.` : null;
  // The one field of its form: every refusal is about it.
  const error = form.errorFor("key_rotation_interval_days", problem) ?? form.failure?.error;
  const unchanged = n === schedule.keyRotationIntervalDays;

  function submit() {
    if (problem) return;
    form.run(
      () => updateKeyRotationIntervalAction(n),
      (result) => toast.success(`Signing keys now rotate every ${days(result.keyRotationIntervalDays)}`),
    );
  }

  return (
    <div className="grid gap-5">
      <dl className="grid gap-x-8 gap-y-5 sm:grid-cols-3">
        <DetailItem label={FIELD_LABELS.key_rotation_interval_days}>{days(schedule.keyRotationIntervalDays)}</DetailItem>
        <DetailItem label="Next rotation">
          {schedule.nextKeyRotationAt ? (
            <>
              {schedule.daysUntilNextRotation === 0 ? "Due now" : `In ${days(schedule.daysUntilNextRotation)}`}
              <span className="ml-2 text-zinc-500">
                (<time dateTime={schedule.nextKeyRotationAt.toISOString()}>{formatDateTime(schedule.nextKeyRotationAt)}</time>)
              </span>
            </>
          ) : (
            <>
              {days(schedule.daysUntilNextRotation)} after the first key is made
            </>
          )}
        </DetailItem>
        <DetailItem label="Last rotation">
          {schedule.lastKeyRotationAt ? (
            <>
              <time dateTime={schedule.lastKeyRotationAt.toISOString()}>{formatDateTime(schedule.lastKeyRotationAt)}</time>
              <span className="ml-2 text-zinc-500">({formatRelative(schedule.lastKeyRotationAt, now)})</span>
            </>
          ) : (
            <span className="text-zinc-500">No key yet: the first one is made when it is first needed</span>
          )}
        </DetailItem>
      </dl>
      {canChange ? (
        <div className="flex flex-wrap items-start gap-x-10 gap-y-4 border-t border-zinc-100 pt-4">
          <form onSubmit={form.handleSubmit(submit)} noValidate>
            <Field>
              <Label htmlFor={id}>{FIELD_LABELS.key_rotation_interval_days} (days)</Label>
              <div className="flex items-center gap-2">
                <Input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={MIN_DAYS}
                  max={MAX_DAYS}
                  step={1}
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  className="w-40"
                />
                <Button type="submit" variant="secondary" pending={form.pending} disabled={unchanged && !form.pending}>
                  Save
                </Button>
              </div>
              {error ? <FieldError id={errorId}>{error}</FieldError> : <FieldHint>From {MIN_DAYS} to {MAX_DAYS} days.</FieldHint>}
            </Field>
          </form>
          <RotateSigningKey />
        </div>
      ) : null}
    </div>
  );
}

/** "Rotate now", confirmed in a dialog: a new key signs from now on; the page then shows the new last rotation. */
function RotateSigningKey() {
  const hintId = useId();
  return (
    <Field>
      <p className="text-sm font-medium text-zinc-800">Signing key</p>
      <div>
        <ConfirmDialog
          trigger={
            <Button type="button" variant="secondary" aria-describedby={hintId}>
              Rotate now
            </Button>
          }
          title="Rotate signing key"
          description="A new key signs every session (JWT) from now on. Sessions signed with the current key stay valid: it keeps verifying for 7 days and stays published at /cdn-cgi/access/certs until then. The next scheduled rotation counts from now."
          confirmLabel="Rotate"
          action={() => rotateSigningKeyAction()}
          onDone={() => toast.success("Signing key rotated")}
        />
      </div>
      <FieldHint id={hintId}>Starts a new key and restarts the schedule.</FieldHint>
    </Field>
  );
}
