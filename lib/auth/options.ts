import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { type AuthOptions } from "next-auth";
import { type Adapter, type AdapterAccount, type AdapterUser } from "next-auth/adapters";
import { cookiePath, withBase } from "../base-path";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { log } from "../log";
import { appRedirect, nextAuthCookies } from "./nextauth-cookies";
import { forgetCachedSession } from "./session-cache";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { plexProvider } from "./plex-provider";


/** What NextAuth hands createUser: our provider's profile (lib/auth/plex-provider.ts) without its id. */
type NewUser = Parameters<ReturnType<typeof getDb>["user"]["create"]>[0]["data"] & { plexId: string };

/**
 * Prisma adapter that never stores provider tokens in Account (ours live encrypted on User), and
 * lets one account's first sign-ins from several browsers at once all succeed: NextAuth looks the
 * account up, finds nothing in each of them, and creates the user and links the account in each;
 * the ones that lose the race on the unique plexId (or provider account) take the winner's row.
 */
function adapter(): Adapter {
  const db = getDb();
  return {
    ...PrismaAdapter(db),
    async createUser(data: Omit<AdapterUser, "id">) {
      const user = data as NewUser;
      try {
        return (await db.user.create({ data: user })) as AdapterUser;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const { email: _email, emailVerified: _verified, ...fields } = user;
        return (await db.user.update({ where: { plexId: user.plexId }, data: fields })) as AdapterUser;
      }
    },
    async deleteSession(sessionToken: string) {
      await db.session.deleteMany({ where: { sessionToken } });
      forgetCachedSession(sessionToken);
    },
    async linkAccount(account: AdapterAccount) {
      try {
        await db.account.create({
          data: { userId: account.userId, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    },
  };
}

let cached: AuthOptions | undefined;

/** NextAuth options: the Plex provider, database sessions (30 days, rolling), our pages. */
export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // NextAuth v4 reads the address of its routes from NEXTAUTH_URL; APP_URL (with the sub-path) is
  // the one setting people give.
  process.env.NEXTAUTH_URL = `${config.appUrl}/api/auth`;
  cached = {
    secret: config.secret,
    adapter: adapter(),
    providers: [plexProvider(config.appUrl)],
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    useSecureCookies: config.secureCookies,
    cookies: nextAuthCookies({ secure: config.secureCookies, path: cookiePath }),
    pages: { signIn: withBase("/signin"), error: withBase("/signin") },
    logger: {
      error: (code, metadata) => log.warn(`auth: ${code}`, { detail: metadata instanceof Error ? metadata.message : undefined }),
      warn: (code) => log.debug(`auth: ${code}`),
      debug: () => undefined,
    },
    callbacks: {
      redirect({ url }) {
        return appRedirect(url, config.appUrl);
      },
      session({ session, user }) {
        return { ...session, user: { name: user.name, image: user.image } };
      },
    },
  };
  return cached;
}
