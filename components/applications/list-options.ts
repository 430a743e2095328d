/** Page sizes offered under the Applications, Policies and API Tokens tables; their URLs accept only these. */
export const ACCESS_LIST_PER_PAGE = [10, 25, 50, 100] as const;
export const DEFAULT_ACCESS_LIST_PER_PAGE = 25;
