import { UserBar } from "@/components/auth/user-bar";
import { LinkButton } from "@/components/ui/button";
import { useTranslations } from "next-intl";
import { LanguagePicker } from "@/components/i18n/language-picker";

export interface SignedInHomeProps {
  user: { name: string; image: string | null; role: "admin" | "member"; restrictionProfile: string | null };
  serverName: string;
  canCreateRooms: boolean;
  /** The person's open rooms (rendered by the page). */
  rooms?: React.ReactNode;
}

/** The home screen of a signed-in person: start or join a room. */
export function SignedInHome({ user, serverName, canCreateRooms, rooms }: SignedInHomeProps) {
  const t = useTranslations("Home");
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-8 px-5 pb-12 pt-[max(0.5rem,env(safe-area-inset-top))]">
      <UserBar {...user} />
      <section className="flex flex-col gap-3">
        <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-neutral-300">
          {t.rich("intro", { server: () => <strong className="text-white" data-testid="server-name">{serverName}</strong> })}
        </p>
      </section>
      <div className="flex flex-col gap-3">
        {canCreateRooms ? (
          <LinkButton href="/rooms/new" data-testid="create-room">{t("createRoom")}</LinkButton>
        ) : (
          <p className="rounded-xl bg-night-800 p-4 text-sm text-neutral-300">{t("createLimited")}</p>
        )}
        <LinkButton href="/join" variant="secondary">{t("joinWithCode")}</LinkButton>
      </div>
      {rooms}
      <LanguagePicker />
    </main>
  );
}
