/** Page sizes offered under the paged lists without sorting (Applications, Policies, API Tokens); their URLs accept only these. */
export const PAGED_LIST_PER_PAGE = [10, 25, 50, 100] as const;
export const DEFAULT_PAGED_LIST_PER_PAGE = 25;
