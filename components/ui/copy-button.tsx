"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";

/** Copies with the Clipboard API, or the legacy route on plain-HTTP origins where it is missing. */
async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand("copy")) throw new Error("copy refused");
  } finally {
    area.remove();
  }
}

/** An icon button (or a labelled one, with `showLabel`) whose accessible name is `label`; `onCopied` after a copy that worked. */
export function CopyButton({
  value,
  label,
  showLabel = false,
  onCopied,
  className,
  variant = "ghost",
  size,
  ...props
}: Omit<ButtonProps, "value" | "onClick" | "children"> & { value: string; label: string; showLabel?: boolean; onCopied?: () => void }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);

  async function copy() {
    try {
      await writeClipboard(value);
      setCopied(true);
      onCopied?.();
      toast.success("Copied");
    } catch {
      toast.error("Could not copy to the clipboard. Select the text and copy it by hand.");
    }
  }

  const Icon = copied ? Check : Copy;
  return (
    <Button
      type="button"
      variant={variant}
      size={size ?? (showLabel ? "sm" : "icon")}
      aria-label={showLabel ? undefined : label}
      title={label}
      onClick={copy}
      data-copied={copied ? "true" : undefined}
      className={cn(!showLabel && "size-7 text-zinc-500 hover:text-zinc-900", className)}
      {...props}
    >
      <Icon className={cn("size-3.5", copied && "text-emerald-600")} aria-hidden />
      {showLabel ? label : null}
    </Button>
  );
}
