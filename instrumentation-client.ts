import { config } from "zod";

// Runs in the browser before the application's own code. Zod compiles object parsers with
// `new Function` unless told not to, and probes for it first: under the pages'
// Content-Security-Policy (no 'unsafe-eval', proxy.ts) that probe is a reported violation, even
// though zod catches it. The forms' checks run interpreted instead.
config({ jitless: true });
