// The rules a new password must meet, pure: the forms check them as the server does.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;
