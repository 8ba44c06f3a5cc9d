import Link from "next/link";
import type { MyRoom } from "@/lib/rooms/list-my-rooms";
import { useTranslations } from "next-intl";

export interface MyRoomsProps {
  rooms: MyRoom[];
}

/** The open rooms a person is in, so closing the tab never loses one. */
export function MyRooms({ rooms }: MyRoomsProps) {
  const t = useTranslations("MyRooms");
  if (!rooms.length) return null;
  return (
    <section className="flex flex-col gap-3" aria-labelledby="my-rooms-title">
      <h2 id="my-rooms-title" className="text-lg font-semibold">{t("title")}</h2>
      <ul className="flex flex-col gap-2" data-testid="my-rooms">
        {rooms.map((room) => {
          const share = room.deckSize ? Math.min(100, Math.round((room.swiped / room.deckSize) * 100)) : 0;
          return (
            <li key={room.code}>
              <Link href={`/r/${room.code}`} data-testid="my-room" data-code={room.code}
                className="flex flex-col gap-2 rounded-2xl bg-night-800 p-4 ring-1 ring-white/5 transition hover:ring-reel-400/60 focus-visible:outline-2 focus-visible:outline-reel-400">
                <span className="flex items-baseline justify-between gap-3">
                  <span className="font-mono font-bold tracking-wider">{room.displayCode}</span>
                  <span className="truncate text-sm text-neutral-300">
                    {room.isHost ? t("youHost") : t("hostsRoom", { name: room.hostName })}
                    {room.libraries.length ? ` · ${room.libraries.join(", ")}` : ""}
                  </span>
                </span>
                <span className="h-1.5 overflow-hidden rounded-full bg-night-700" aria-hidden>
                  <span className="block h-full rounded-full bg-reel-500" style={{ width: `${share}%` }} />
                </span>
                <span className="flex justify-between gap-3 text-sm text-neutral-300">
                  <span>
                    {t("progress", { swiped: room.swiped, total: room.deckSize, people: room.people })}
                  </span>
                  <span className={room.matchCount ? "font-semibold text-reel-400" : ""}>{t("matches", { count: room.matchCount })}</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
