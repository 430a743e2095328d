/** Every REST API path starts with this, as Cloudflare's does. */
export const API_PREFIX = "/client/v4";
