import { AuthCard } from "@/components/auth/auth-card";
import { LinkButton } from "@/components/ui/button";
import { cookies } from "next/headers";
import { isRefusedSignIn, NO_ACCESS_COOKIE } from "@/lib/auth/no-access-cookie";
import { getServerName } from "@/lib/auth/server-choice";

export const dynamic = "force-dynamic";
export const metadata = { title: "No access" };

/**
 * Names the server configured here (from our database), and only to the browser whose sign-in was
 * just refused: a link cannot make it name another server, nor a visitor learn this one's name.
 */
export default async function NoAccessPage() {
  const refused = isRefusedSignIn((await cookies()).get(NO_ACCESS_COOKIE)?.value);
  const server = (refused ? await getServerName() : undefined) ?? "this Plex server";
  return (
    <AuthCard title="You don’t have access yet">
      <p className="text-neutral-300" data-testid="no-access">
        Your Plex account is fine, but <strong className="text-white">{server}</strong> is not shared with it, so Reelmatch
        can&rsquo;t show you its library.
      </p>
      <p className="text-neutral-300">
        Ask the server&rsquo;s owner to share <strong className="text-white">{server}</strong> with your Plex account (in
        Plex: Settings → Manage Library Access), then sign in again. Or join a friend&rsquo;s room as a guest.
      </p>
      <div className="flex flex-col gap-3">
        <LinkButton href="/signin">Try again</LinkButton>
        <LinkButton href="/join" variant="secondary">Join a room as a guest</LinkButton>
      </div>
    </AuthCard>
  );
}
