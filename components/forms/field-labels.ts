// What each input field is called, by its wire name (the name the server's refusals carry): the
// forms' labels, the detail pages' and the tables' headings and the messages that name a field all
// read it from here, so that one field has one name everywhere. A form may add to the label ("Rotation
// interval (days)") or name its object's name field after the object ("Application name").
export const FIELD_LABELS = {
  name: "Name",
  domain: "Domain",
  aud: "Application Audience (AUD) Tag",
  session_duration: "Session duration",
  read_service_tokens_from_header: "Single header name",
  service_auth_401_redirect: "Return 401 for Service Auth",
  policies: "Policies",
  decision: "Action",
  include: "Include",
  require: "Require",
  exclude: "Exclude",
  key_rotation_interval_days: "Rotation interval",
  strict_service_token_auth: "Strict service token authentication",
  permissions: "Permissions",
  expiresAt: "Expiry date",
  alert_type: "Alert type",
  description: "Description",
  "mechanisms.email": "Email recipients",
  "mechanisms.webhooks": "Webhook destinations",
  "filters.days_before_expiration": "Notify before expiry",
  enabled: "Enabled",
  url: "URL",
  secret: "Secret",
  currentPassword: "Current password",
  newPassword: "New password",
  email: "Email",
  role: "Role",
  password: "Password",
  lastSignInAt: "Last sign-in",
  createdAt: "Created",
} as const;

export type LabelledField = keyof typeof FIELD_LABELS;
