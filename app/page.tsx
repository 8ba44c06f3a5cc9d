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
import { getTranslations } from "next-intl/server";
import { LanguagePicker } from "@/components/i18n/language-picker";

export const dynamic = "force-dynamic";

const STEPS = [
  { title: "stepOpenTitle", text: "stepOpenText" },
  { title: "stepJoinTitle", text: "stepJoinText" },
  { title: "stepSwipeTitle", text: "stepSwipeText" },
  { title: "stepMatchTitle", text: "stepMatchText" },
] as const;

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
  const t = await getTranslations("Landing");
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-10 px-5 pb-12 pt-[max(2.5rem,env(safe-area-inset-top))] lg:max-w-5xl lg:flex-row lg:items-center lg:gap-16">
      <div className="flex flex-col gap-6 lg:flex-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Brand size={28} link={false} />
          <LanguagePicker />
        </div>
        <h1 className="text-4xl font-bold leading-tight tracking-tight sm:text-5xl">
          {t.rich("headline", { accent: (chunks) => <span className="text-reel-400">{chunks}</span> })}
        </h1>
        <p className="text-lg text-neutral-300">{t("intro")}</p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <LinkButton href="/signin" className="w-full sm:w-auto" data-testid="sign-in">
            {t("signIn")}
          </LinkButton>
          <LinkButton href="/join" variant="secondary" className="w-full sm:w-auto">
            {t("joinRoom")}
          </LinkButton>
        </div>
        <p className="text-sm text-neutral-400">
          {t("privacy")}
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
              <h2 className="font-semibold">{t(step.title)}</h2>
              <p className="text-sm text-neutral-400">{t(step.text)}</p>
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
