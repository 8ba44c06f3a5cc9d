import { redirect } from "next/navigation";
import { UserBar } from "@/components/auth/user-bar";
import { ProfilePicker } from "@/components/profiles/profile-picker";
import { restrictionText } from "@/components/profiles/restriction-text";
import { listHomeProfiles } from "@/lib/auth/profiles";
import { getSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const metadata = { title: "Switch profile" };

export default async function ProfilesPage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin?callbackUrl=/profiles");
  const profiles = await listHomeProfiles(user.id);
  const why = restrictionText(user);
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-6 px-5 pb-12">
      <UserBar {...user} />
      <h1 className="text-2xl font-bold">Who&rsquo;s watching?</h1>
      {why ? (
        <p className="rounded-xl bg-night-800 p-4 text-sm text-neutral-300 ring-1 ring-white/5" data-testid="restriction">
          {user.name}&rsquo;s profile is restricted by Plex &mdash; {why}. Films outside it never appear here.
        </p>
      ) : null}
      {profiles.length ? (
        <ProfilePicker profiles={profiles} />
      ) : (
        <p className="text-neutral-300">Your Plex account is not part of a Plex Home, so there are no profiles to switch to.</p>
      )}
    </main>
  );
}
