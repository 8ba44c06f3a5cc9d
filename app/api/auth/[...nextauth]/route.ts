// /api/auth/* - NextAuth's handlers (sign-in redirect, callback, session, sign-out)
import NextAuth from "next-auth";
import { handle } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

/** NextAuth parses a JSON body itself and throws on a malformed one (a 500); refuse it first. */
async function assertJsonBodyParses(req: Request): Promise<void> {
  if (req.method !== "POST" || !req.headers.get("content-type")?.includes("application/json")) return;
  try {
    JSON.parse(await req.clone().text());
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON. Send valid JSON or a form.");
  }
}

const handler = handle(async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => {
  await assertJsonBodyParses(req);
  return (NextAuth(getAuthOptions()) as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
});

export { handler as GET, handler as POST };
