import { z } from "zod";

// Free text a client sends: the rule for what PostgreSQL can store, what a name may hold, and the one
// name schema. Pure: shared by the forms (in the browser) and the domain.

/** A NUL or an unpaired UTF-16 surrogate would make the driver fail (a 500) or silently change the text. */
export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

export function isStorableText(s: string): boolean {
  return s.isWellFormed() && !s.includes("\u0000");
}

/** Text of at most 255 characters that PostgreSQL can store: a name, a filter, a search term. */
export const shortTextSchema = z
  .string({ error: "must be a string" })
  .max(255, "must be at most 255 characters")
  .refine(isStorableText, STORABLE_TEXT_MESSAGE);

/**
 * What a name must not hold, because a name is shown to people deciding about access: control
 * characters (C0 and C1: line breaks, tabs, the bell, ESC), line and paragraph separators, and the
 * Unicode bidirectional controls (embeddings, overrides, isolates and marks), which make text display
 * in another order than it is stored: "\u202eRTL" reads "LTR". Joiners stay allowed (emoji, Indic and
 * Arabic scripts need them).
 */
const UNDISPLAYABLE = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u;
export const DISPLAYABLE_TEXT_MESSAGE = "must not contain control characters, line breaks or bidirectional text controls";

export function isDisplayableText(s: string): boolean {
  return !UNDISPLAYABLE.test(s);
}

/** The name of anything a user names: a service token, an application, a policy, an API token, an account. */
export const nameSchema = z
  .string({ error: "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .pipe(shortTextSchema)
  .refine(isDisplayableText, DISPLAYABLE_TEXT_MESSAGE);
