// The dashboard's colour theme: the administrator's choice, kept in a cookie so that the server
// renders <html data-theme> right away (no flash, no inline script). "system" follows the
// browser's prefers-color-scheme through CSS (app/globals.css).

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

export const THEME_COOKIE = "gatepost-theme";

/** The stored choice, or "system" for a missing or unknown one. */
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}

/** The Set-Cookie value of a choice: a year, the whole site, readable by the page that sets it. */
export function themeCookie(theme: Theme): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
