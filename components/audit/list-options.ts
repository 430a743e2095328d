/** Page sizes offered under the audit log; the URL accepts only these (the domain allows up to 200). */
export const AUDIT_PER_PAGE = [25, 50, 100, 200] as const;
export const DEFAULT_AUDIT_PER_PAGE = 50;
