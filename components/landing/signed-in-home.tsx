import { UserBar } from "@/components/auth/user-bar";
import { LinkButton } from "@/components/ui/button";

export interface SignedInHomeProps {
  user: { name: string; image: string | null; role: "admin" | "member"; restrictionProfile: string | null };
  serverName: string;
  canCreateRooms: boolean;
  /** The person's open rooms (rendered by the page). */
  rooms?: React.ReactNode;
}

/** The home screen of a signed-in person: start or join a room. */
export function SignedInHome({ user, serverName, canCreateRooms, rooms }: SignedInHomeProps) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-8 px-5 pb-12 pt-[max(0.5rem,env(safe-area-inset-top))]">
      <UserBar {...user} />
      <section className="flex flex-col gap-3">
        <h1 className="text-3xl font-bold tracking-tight">What are we watching?</h1>
        <p className="text-neutral-300">
          Films from <strong className="text-white" data-testid="server-name">{serverName}</strong>. Open a room and share the
          link; everyone swipes, and the first film you all like wins.
        </p>
      </section>
      <div className="flex flex-col gap-3">
        {canCreateRooms ? (
          <LinkButton href="/rooms/new" data-testid="create-room">Create a room</LinkButton>
        ) : (
          <p className="rounded-xl bg-night-800 p-4 text-sm text-neutral-300">The server&rsquo;s owner has limited creating rooms to the admin. You can still join one.</p>
        )}
        <LinkButton href="/join" variant="secondary">Join with a code</LinkButton>
      </div>
      {rooms}
    </main>
  );
}
