import { useTranslations } from "next-intl";
import type { RoomParticipant } from "@/lib/view-models";

export interface ParticipantAvatarsProps {
  participants: RoomParticipant[];
  /** How many to draw before "+N". */
  max?: number;
}

/**
 * The room's people as a row of initials for the phone header. A guest's initial is drawn dashed
 * with a "G" badge, so a guest never looks like a member, whatever the screen size; the names and
 * marks are in each avatar's accessible name.
 */
export function ParticipantAvatars({ participants, max = 5 }: ParticipantAvatarsProps) {
  const t = useTranslations("Room");
  const shown = participants.slice(0, max);
  const more = participants.length - shown.length;
  return (
    <ul className="flex -space-x-2" aria-label={t("peopleInRoom")} data-testid="header-people">
      {shown.map((p) => {
        const mark = p.isHost ? t("host") : p.isGuest ? t("guest") : null;
        return (
          <li key={p.id} title={mark ? t("nameMarkTitle", { name: p.name, mark }) : p.name} aria-label={mark ? t("nameMarkLabel", { name: p.name, mark }) : p.name} data-guest={p.isGuest ? "1" : undefined}
            className={`relative flex h-8 w-8 items-center justify-center rounded-full text-xs font-bold ring-2 ring-night-900 ${
              p.isGuest ? "border border-dashed border-neutral-400 bg-night-800 text-neutral-300" : "bg-night-700"
            }`}>
            <span aria-hidden>{p.name.slice(0, 1).toUpperCase()}</span>
            {p.isGuest ? (
              <span aria-hidden className="absolute -bottom-1 -right-1 flex h-3.5 w-3.5 items-center justify-center rounded-full bg-neutral-300 text-[8px] font-black leading-none text-night-900">
                {t("guestBadge")}
              </span>
            ) : null}
          </li>
        );
      })}
      {more > 0 ? (
        <li aria-label={t("andMore", { count: more })} className="flex h-8 w-8 items-center justify-center rounded-full bg-night-700 text-xs font-bold ring-2 ring-night-900">
          +{more}
        </li>
      ) : null}
    </ul>
  );
}
