import pino from "pino";
import { logSettings } from "./env";

const settings = logSettings();

// Structured JSON lines on stdout. Secrets must never be passed to the logger; the redaction list
// is a second line of defence for fields that commonly carry them.
export const logger = pino({
  level: settings.level,
  base: { service: "gatepost" },
  redact: {
    paths: [
      "password",
      "*.password",
      "clientSecret",
      "*.clientSecret",
      "client_secret",
      "*.client_secret",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      "req.headers.authorization",
      "req.headers.cookie",
      'req.headers["cf-access-client-secret"]',
      // A webhook destination's secret, and the header it is sent in (lib/alerts/deliver-webhook.ts).
      "secret",
      "*.secret",
      'headers["cf-webhook-auth"]',
      'req.headers["cf-webhook-auth"]',
    ],
    censor: "[redacted]",
  },
}, pino.destination({ fd: settings.toStderr ? 2 : 1, sync: true }));
