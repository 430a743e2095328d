import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateAdmin } from "../admins/service";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { endSession, startSession } from "./sessions";

/** What the session cookie (a next-auth JWT) carries: the administrator and the session's row. */
interface SessionClaims {
  sub?: string;
  sid?: string;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: getEnv().AUTH_SECRET,
    // The cookie lives as long as the session may; whether it still opens anything is the
    // session row's to say (lib/auth/sessions.ts).
    session: { strategy: "jwt", maxAge: Math.ceil(getEnv().sessionMaxAgeMs / 1000) },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || password.length > 1024) return null;
          const header = req?.headers?.[CLIENT_IP_HEADER];
          const ip = (Array.isArray(header) ? header[0] : header) || "unknown";
          try {
            const admin = await authenticateAdmin(email, password, ip);
            return admin ? { id: admin.id, email: admin.email } : null;
          } catch (e) {
            // next-auth passes the message to the sign-in form as `error`.
            if (e instanceof AppError && e.code === "rate_limited") throw new Error("rate_limited");
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // `user` is there once, right after the password was checked: the session starts.
        if (user) {
          token.sub = user.id;
          token.sid = await startSession(user.id);
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, adminId: token.sub, sessionId: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as SessionClaims | null)?.sid;
        if (typeof sid === "string") await endSession(sid);
      },
    },
  };
}
