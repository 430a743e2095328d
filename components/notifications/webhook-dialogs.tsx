"use client";

import { CircleCheck, CircleX } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteWebhookAction, testWebhookAction } from "@/app/(dashboard)/notifications/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmNote, ConfirmSubject } from "@/components/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { DialogState } from "@/components/ui/dialog-switch";
import type { WebhookSummary } from "./types";

export function DeleteWebhookDialog({ destination, ...dialog }: DialogState & { destination: WebhookSummary }) {
  const used = destination.policyCount;
  return (
    <ConfirmDialog
      {...dialog}
      title="Delete webhook"
      description={
        <>
          Delete <ConfirmSubject>{destination.name}</ConfirmSubject>? Alerts are no longer posted to it. This cannot be undone.
        </>
      }
      confirmLabel="Delete"
      destructive
      confirmDisabled={used > 0}
      action={() => deleteWebhookAction(destination.id)}
      onDone={(result) => toast.success(`Destination “${result.destination.name}” deleted`)}
    >
      {used > 0 ? (
        <ConfirmNote tone="warning">
          {used === 1 ? "A notification sends" : `${used} notifications send`} to it: remove it from {used === 1 ? "that notification" : "them"} first.
        </ConfirmNote>
      ) : (
        <ConfirmNote>No notification sends to it. Its past deliveries stay in the history.</ConfirmNote>
      )}
    </ConfirmDialog>
  );
}

interface TestAnswer {
  ok: boolean;
  outcome: string;
  ms: number;
}

/** Sends one test message (no retries) and shows what the destination answered; it may be sent again. */
export function TestWebhookDialog({ destination, open, onOpenChange, onCloseAutoFocus }: DialogState & { destination: WebhookSummary }) {
  const [answer, setAnswer] = useState<TestAnswer | null>(null);
  const [pending, startTransition] = useTransition();

  function send() {
    startTransition(async () => {
      const result = await testWebhookAction(destination.id);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      const { ok, outcome, ms } = result.test;
      setAnswer({ ok, outcome, ms });
      if (ok) toast.success(`Test message delivered: ${outcome}`);
      else toast.error(`Test message not delivered: ${outcome}`);
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        if (!next) setAnswer(null);
        onOpenChange(next);
      }}
    >
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>Test webhook</DialogTitle>
          <DialogDescription>
            Posts a test message to <ConfirmSubject>{destination.name}</ConfirmSubject>, with its secret when it has one, and
            shows the answer. It is not an alert: the history does not list it.
          </DialogDescription>
        </DialogHeader>
        <DialogBody>
          <p className="truncate font-mono text-xs text-zinc-600" title={destination.url}>
            {destination.url}
          </p>
          {answer ? (
            <p
              role="status"
              className={
                answer.ok
                  ? "flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
                  : "flex items-center gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
              }
            >
              {answer.ok ? <CircleCheck className="size-4 shrink-0" aria-hidden /> : <CircleX className="size-4 shrink-0" aria-hidden />}
              <span>
                {answer.ok ? "Delivered" : "Not delivered"}: <span className="font-medium">{answer.outcome}</span> in {answer.ms} ms
              </span>
            </p>
          ) : null}
        </DialogBody>
        <DialogFooter>
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Close
          </Button>
          <Button onClick={send} pending={pending}>
            {answer ? "Send again" : "Send test message"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
