// Strings a client sends that PostgreSQL must store or compare. A NUL or an unpaired UTF-16
// surrogate would make the driver fail (a 500) or silently change the text: both are a 400 instead.

export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";

export function isStorableText(s: string): boolean {
  return s.isWellFormed() && !s.includes("\u0000");
}
