import { useTranslations } from "next-intl";
import { titled } from "@/lib/i18n/metadata";
import { JoinCodeForm } from "@/components/rooms/join-code-form";
import { RoomShell } from "@/components/rooms/room-shell";

export const generateMetadata = titled("Titles.join");

export default function JoinPage() {
  const t = useTranslations("JoinPage");
  return (
    <RoomShell title={t("title")}>
      <p className="text-neutral-300">{t("intro")}</p>
      <JoinCodeForm />
    </RoomShell>
  );
}
