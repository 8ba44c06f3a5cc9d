import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { type AuthOptions } from "next-auth";
import { type Adapter, type AdapterAccount } from "next-auth/adapters";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { log } from "../log";
import { forgetCachedSession } from "./session-cache";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { plexProvider } from "./plex-provider";


/** Prisma adapter that never stores provider tokens in Account (ours live encrypted on User). */
function adapter(): Adapter {
  const db = getDb();
  return {
    ...PrismaAdapter(db),
    async deleteSession(sessionToken: string) {
      await db.session.deleteMany({ where: { sessionToken } });
      forgetCachedSession(sessionToken);
    },
    async linkAccount(account: AdapterAccount) {
      await db.account.create({
        data: { userId: account.userId, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId },
      });
    },
  };
}

let cached: AuthOptions | undefined;

/** NextAuth options: the Plex provider, database sessions (30 days, rolling), our pages. */
export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // NextAuth v4 reads its base URL from NEXTAUTH_URL; APP_URL is the one setting people give.
  process.env.NEXTAUTH_URL = config.appUrl;
  cached = {
    secret: config.secret,
    adapter: adapter(),
    providers: [plexProvider(config.appUrl)],
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    useSecureCookies: config.secureCookies,
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      error: (code, metadata) => log.warn(`auth: ${code}`, { detail: metadata instanceof Error ? metadata.message : undefined }),
      warn: (code) => log.debug(`auth: ${code}`),
      debug: () => undefined,
    },
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { name: user.name, image: user.image } };
      },
    },
  };
  return cached;
}
