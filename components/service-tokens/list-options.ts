/** Page sizes offered under the service tokens table; the list URL accepts only these. */
export const SERVICE_TOKENS_PER_PAGE = [10, 25, 50, 100] as const;
export const DEFAULT_SERVICE_TOKENS_PER_PAGE = 25;
