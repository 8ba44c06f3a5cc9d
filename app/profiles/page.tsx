import { redirect } from "next/navigation";
import { useTranslations } from "next-intl";
import { titled } from "@/lib/i18n/metadata";
import { UserBar } from "@/components/auth/user-bar";
import { ProfilePicker } from "@/components/profiles/profile-picker";
import { useRestrictionText } from "@/components/profiles/restriction-text";
import type { HomeProfile } from "@/lib/view-models";
import { listHomeProfiles } from "@/lib/auth/profiles";
import { getSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.profiles");

export default async function ProfilesPage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin?callbackUrl=/profiles");
  const profiles = await listHomeProfiles(user.id);
  return <Profiles user={user} profiles={profiles} />;
}

function Profiles({ user, profiles }: { user: NonNullable<Awaited<ReturnType<typeof getSignedInUser>>>; profiles: HomeProfile[] }) {
  const t = useTranslations("ProfilesPage");
  const why = useRestrictionText(user);
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-6 px-5 pb-12">
      <UserBar {...user} />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {why ? (
        <p className="rounded-xl bg-night-800 p-4 text-sm text-neutral-300 ring-1 ring-white/5" data-testid="restriction">
          {t("restricted", { name: user.name, why })}
        </p>
      ) : null}
      {profiles.length ? (
        <ProfilePicker profiles={profiles} />
      ) : (
        <p className="text-neutral-300">{t("noHome")}</p>
      )}
    </main>
  );
}
