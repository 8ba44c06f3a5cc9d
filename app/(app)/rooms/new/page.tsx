import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { redirect } from "next/navigation";
import { CreateRoomForm } from "@/components/rooms/create-room-form";
import { RoomShell } from "@/components/rooms/room-shell";
import { canCreateRooms, getSignedInUser } from "@/lib/auth/viewer";

export const generateMetadata = titled("Titles.newRoom");
export const dynamic = "force-dynamic";

export default async function NewRoomPage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin");
  const allowed = await canCreateRooms(user);
  const t = await getTranslations("CreateRoom");
  return (
    <RoomShell title={t("title")}>
      {allowed ? (
        <CreateRoomForm />
      ) : (
        <p className="rounded-xl bg-amber-500/15 p-4 text-amber-200">{t("ownerOnly")}</p>
      )}
    </RoomShell>
  );
}
