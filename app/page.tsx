import { redirect } from "next/navigation";
import { DemoAccounts } from "@/components/landing/demo-accounts";
import { SignedInHome } from "@/components/landing/signed-in-home";
import { LinkButton } from "@/components/ui/button";
import { noAccessPath } from "@/lib/auth/redirects";
import { getConfiguredServerId } from "@/lib/auth/server-choice";
import { canCreateRooms, getServerInfo, getSessionUserForSetup, getSignedInUser } from "@/lib/auth/viewer";
import { getConfig } from "@/lib/config";
import { DEMO_ACCOUNTS } from "@/lib/demo";
import { Brand } from "@/components/ui/brand";
import { MyRooms } from "@/components/rooms/my-rooms";
import { listMyRooms } from "@/lib/rooms/list-my-rooms";
import { cookies } from "next/headers";

export const dynamic = "force-dynamic";

const STEPS = [
  { title: "Open a room", text: "Pick libraries, genres, an age limit and how long you have tonight." },
  { title: "Friends join", text: "With a link, a short code or a QR code. No Plex account needed." },
  { title: "Everyone swipes", text: "Like or skip each film. Nobody sees anyone else's picks." },
  { title: "It's a match", text: "When the room agrees, every screen shows it, with a link to play it in Plex." },
];

export default async function LandingPage() {
  const user = await getSignedInUser();
  if (user) {
    const server = await getServerInfo();
    const mayCreateRooms = await canCreateRooms(user);
    // Someone Plex may show less than the host is in rooms only as themselves (never as a guest cookie of this browser).
    const rooms = await listMyRooms({ userId: user.id, cookies: user.limitedByPlex ? [] : (await cookies()).getAll() });
    return <SignedInHome user={user} serverName={server.name} canCreateRooms={mayCreateRooms} rooms={<MyRooms rooms={rooms} />} />;
  }
  // Signed in without access: before first-run setup that means setup; after it, no access.
  if (await getSessionUserForSetup()) redirect((await getConfiguredServerId()) ? noAccessPath() : "/setup");
  const { demo } = getConfig();
  const guestRooms = await listMyRooms({ cookies: (await cookies()).getAll() });
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-10 px-5 pb-12 pt-[max(2.5rem,env(safe-area-inset-top))] lg:max-w-5xl lg:flex-row lg:items-center lg:gap-16">
      <div className="flex flex-col gap-6 lg:flex-1">
        <Brand size={28} link={false} />
        <h1 className="text-4xl font-bold leading-tight tracking-tight sm:text-5xl">
          Stop scrolling. <span className="text-reel-400">Start watching.</span>
        </h1>
        <p className="text-lg text-neutral-300">
          Reelmatch lets everyone on the sofa swipe through films from your Plex library. The moment you all like the
          same one, it&rsquo;s a match.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <LinkButton href="/signin" className="w-full sm:w-auto" data-testid="sign-in">
            Sign in with Plex
          </LinkButton>
          <LinkButton href="/join" variant="secondary" className="w-full sm:w-auto">
            Join a room
          </LinkButton>
        </div>
        <p className="text-sm text-neutral-400">
          Your library stays private: only people who can use this Plex server, and guests of a room, see any of it.
        </p>
        <MyRooms rooms={guestRooms} />
        {demo ? <DemoAccounts accounts={[...DEMO_ACCOUNTS]} /> : null}
      </div>
      <ol className="grid gap-3 lg:flex-1">
        {STEPS.map((step, i) => (
          <li key={step.title} className="flex gap-4 rounded-2xl bg-night-800 p-4 ring-1 ring-white/5">
            <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-reel-500/15 font-bold text-reel-400">
              {i + 1}
            </span>
            <div>
              <h2 className="font-semibold">{step.title}</h2>
              <p className="text-sm text-neutral-400">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
