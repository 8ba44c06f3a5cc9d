// GET /api/plex/pin - NextAuth's "authorization URL": create a Plex PIN and send the browser to Plex's sign-in page
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { plexTv } from "@/lib/auth/plex";
import { pinCookieHeader } from "@/lib/auth/pin-cookie";
import { redirectTo, signInErrorPath } from "@/lib/auth/redirects";
import { signInErrorFor } from "@/lib/auth/sign-in-errors";
import { hitAddressLimit } from "@/lib/limits/address-limits";
import { SIGN_INS_STARTED_PER_ADDRESS } from "@/lib/limits/schedules";
import { clientAddress } from "@/lib/api/client-address";

export const dynamic = "force-dynamic";

const query = z.object({ state: z.string().min(8).max(200), mode: z.enum(["pin", "password"]).optional() });

export async function GET(req: Request) {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return redirectTo(signInErrorPath("failed"));
  const { state, mode } = parsed.data;
  const config = getConfig();
  if (mode === "password" && config.passwordSignIn) {
    return redirectTo("/signin/password", [pinCookieHeader({ state, mode: "password" }, 15 * 60)]);
  }
  try {
    // Each sign-in creates a PIN on plex.tv: an address may start a generous number of them.
    const hit = await hitAddressLimit({ limit: SIGN_INS_STARTED_PER_ADDRESS, address: clientAddress(req.headers) });
    if (!hit.allowed) return redirectTo(signInErrorPath("too_many_sign_ins"));
    const client = await plexTv();
    const pin = await client.createPin();
    const forwardUrl = `${config.appUrl}/api/plex/return`;
    return redirectTo(client.authAppUrl(config.plexAppUrl, pin, forwardUrl), [pinCookieHeader({ state, pinId: pin.id, mode: "pin" }, pin.expiresIn ?? 1800)]);
  } catch (error) {
    return redirectTo(signInErrorPath(signInErrorFor(error)));
  }
}
