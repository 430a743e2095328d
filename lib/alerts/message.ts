import { createHash } from "node:crypto";
import type { AppRef } from "../access/token-usage";
import type { AlertType } from "./schemas";

// What an alert says, for every mechanism: the webhook's JSON (Cloudflare's generic webhook shape;
// its `text` makes a Slack or Mattermost incoming webhook show it as it is) is the alert, stored as
// the delivery's alert_body, and the email is rendered from it. Pure: the scan passes the clock.

const DAY_MS = 86_400_000;

/** What the scan knows of one alert: a token, the policy that wants it told, how long before expiry. */
export interface AlertFacts {
  accountId: string;
  policyId: string;
  policyName: string;
  token: { id: string; name: string; clientId: string; expiresAt: Date };
  leadDays: number;
  /** Applications whose Service Auth policies name the token: what stops working if nobody acts. */
  applications: AppRef[];
  /** The token's page in the dashboard, where Refresh is one click. */
  dashboardUrl: string;
  now: Date;
}

export interface AlertPayload {
  /** The webhook destination's name (the policy's for email). */
  name: string;
  text: string;
  data: {
    service_token_id: string;
    service_token_name: string;
    client_id: string;
    expires_at: string;
    days_until_expiration: number;
    days_before_expiration: number;
    applications: AppRef[];
    dashboard_url: string;
  };
  ts: number;
  account_id: string;
  policy_id: string;
  policy_name: string;
  alert_type: AlertType;
  alert_correlation_id: string;
  alert_event: "ALERT_STATE_EVENT_START";
}

/** Whole days left, rounded down: 4 at 100 hours. */
export function daysUntil(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/** "in 4 days", "in 1 day", "in less than a day". */
export function inDays(days: number): string {
  return days === 0 ? "in less than a day" : days === 1 ? "in 1 day" : `in ${days} days`;
}

/** "2026-12-05 14:00 UTC" */
export function utcMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The same id for every mechanism of one alert (policy, token, expiry, lead time), UUID-shaped. */
export function alertCorrelationId(policyId: string, tokenId: string, expiresAt: Date, leadDays: number): string {
  const h = createHash("sha256").update(`${policyId}:${tokenId}:${expiresAt.toISOString()}:${leadDays}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const appList = (apps: readonly AppRef[]) => apps.map((a) => `${a.name} (${a.domain})`).join(", ");

/** One paragraph: what expires when, what uses it, where to refresh it. */
export function alertText(f: AlertFacts): string {
  const used =
    f.applications.length === 0
      ? "No application's Service Auth policy names it."
      : `Used by ${f.applications.length === 1 ? "1 application" : `${f.applications.length} applications`}: ${appList(f.applications)}.`;
  return (
    `Service token "${f.token.name}" (client id ${f.token.clientId}) expires ${inDays(daysUntil(f.token.expiresAt, f.now))}, ` +
    `on ${utcMinute(f.token.expiresAt)}. ${used} Refresh it: ${f.dashboardUrl}`
  );
}

export function alertPayload(f: AlertFacts, name: string): AlertPayload {
  return {
    name,
    text: alertText(f),
    data: {
      service_token_id: f.token.id,
      service_token_name: f.token.name,
      client_id: f.token.clientId,
      expires_at: f.token.expiresAt.toISOString(),
      days_until_expiration: daysUntil(f.token.expiresAt, f.now),
      days_before_expiration: f.leadDays,
      applications: f.applications,
      dashboard_url: f.dashboardUrl,
    },
    ts: Math.floor(f.now.getTime() / 1000),
    account_id: f.accountId,
    policy_id: f.policyId,
    policy_name: f.policyName,
    alert_type: "expiring_service_token_alert",
    alert_correlation_id: alertCorrelationId(f.policyId, f.token.id, f.token.expiresAt, f.leadDays),
    alert_event: "ALERT_STATE_EVENT_START",
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Control characters become spaces: a subject is one header line. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, " ");

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** The email of an alert: a subject naming the token and the days left, then the facts, in text and HTML. */
export function alertEmail(p: AlertPayload): EmailMessage {
  const d = p.data;
  const expires = utcMinute(new Date(d.expires_at));
  const when = inDays(d.days_until_expiration);
  const apps = d.applications;
  const subject = oneLine(`Service token "${d.service_token_name}" expires ${when}`);
  const text = [
    `The service token "${d.service_token_name}" expires ${when}.`,
    "",
    `Token:        ${d.service_token_name}`,
    `Client ID:    ${d.client_id}`,
    `Expires:      ${expires}`,
    `Applications: ${apps.length === 0 ? "none (no application's Service Auth policy names it)" : appList(apps)}`,
    "",
    `Refresh it (one click) or extend it in Gatepost: ${d.dashboard_url}`,
    "",
    `Sent by the alert policy "${p.policy_name}", ${d.days_before_expiration} day${d.days_before_expiration === 1 ? "" : "s"} before expiry.`,
  ].join("\n");
  const row = (label: string, value: string) =>
    `<tr><th align="left" style="padding:4px 16px 4px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:4px 0">${value}</td></tr>`;
  const appsHtml =
    apps.length === 0
      ? "none (no application's Service Auth policy names it)"
      : `<ul style="margin:0;padding-left:18px">${apps.map((a) => `<li>${escapeHtml(a.name)} (${escapeHtml(a.domain)})</li>`).join("")}</ul>`;
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:14px;color:#1f2937">`,
    `<p>The service token <strong>${escapeHtml(d.service_token_name)}</strong> expires ${escapeHtml(when)}.</p>`,
    `<table style="border-collapse:collapse">`,
    row("Token", escapeHtml(d.service_token_name)),
    row("Client ID", `<code>${escapeHtml(d.client_id)}</code>`),
    row("Expires", escapeHtml(expires)),
    row("Applications", appsHtml),
    `</table>`,
    `<p><a href="${escapeHtml(d.dashboard_url)}">Refresh it in Gatepost</a> (one click), or extend it.</p>`,
    `<p style="color:#6b7280">Sent by the alert policy "${escapeHtml(p.policy_name)}", ${d.days_before_expiration} day${d.days_before_expiration === 1 ? "" : "s"} before expiry.</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}
