import type { ServiceTokenSummary } from "./types";

/** What every per-token dialog (refresh, edit, rotate, delete) takes. */
export interface TokenDialogProps {
  token: ServiceTokenSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where focus goes when the dialog closes (the control that opened it). */
  onCloseAutoFocus?: (event: Event) => void;
}
