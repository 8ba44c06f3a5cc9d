import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { ConnectionsPanel } from "@/components/admin/connections-panel";
import { PeopleTable } from "@/components/admin/people-table";
import { RoomPolicyToggle } from "@/components/admin/room-policy-toggle";
import { UserBar } from "@/components/auth/user-bar";
import { UnreadableTokensNotice } from "@/components/admin/unreadable-tokens-notice";
import { listPeople, listPeopleWithUnreadableTokens } from "@/lib/auth/people";
import { getDb } from "@/lib/db/client";
import { membersMayCreateRooms } from "@/lib/auth/server-choice";
import { reportServerConnections } from "@/lib/auth/server-connections";
import { getServerInfo, getSignedInUser } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.admin");

export default async function AdminPage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin?callbackUrl=/admin");
  if (user.role !== "admin") redirect("/");
  const [server, people, unreadable, allowed, me] = await Promise.all([
    getServerInfo(),
    listPeople(),
    listPeopleWithUnreadableTokens(),
    membersMayCreateRooms(),
    getDb().user.findUniqueOrThrow({ where: { id: user.id }, select: { serverUri: true } }),
  ]);
  const t = await getTranslations("AdminPage");
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col gap-6 px-5 pb-12">
      <UserBar {...user} />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section className="rounded-2xl bg-night-800 p-4 ring-1 ring-white/5" data-testid="server-panel">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-neutral-400">{t("server")}</h2>
        <p className="mt-1 text-lg font-semibold">{server.name}</p>
        <p className="text-sm text-neutral-400">
          {t.rich("connectionInUse", { uri: me.serverUri ?? t("noneYet"), mono: (chunks) => <span className="font-mono text-neutral-200">{chunks}</span> })}
        </p>
        <p className="text-xs text-neutral-400">{t("machineIdentifier", { id: server.machineIdentifier })}</p>
        <h3 className="mt-4 text-sm font-semibold text-neutral-300">{t("addresses")}</h3>
        <Suspense fallback={<p className="mt-2 text-sm text-neutral-400">{t("trying")}</p>}>
          <ServerConnections userId={user.id} />
        </Suspense>
      </section>
      {unreadable.length ? <UnreadableTokensNotice names={unreadable} /> : null}
      <RoomPolicyToggle initial={allowed} />
      <section className="flex flex-col gap-3">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-neutral-400">{t("people")}</h2>
        <PeopleTable people={people} />
      </section>
    </main>
  );
}

async function ServerConnections({ userId }: { userId: string }) {
  return <ConnectionsPanel report={await reportServerConnections(userId)} />;
}
