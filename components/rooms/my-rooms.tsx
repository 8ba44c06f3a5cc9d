import Link from "next/link";
import type { MyRoom } from "@/lib/rooms/list-my-rooms";
import { countOf, MATCHES, PEOPLE } from "@/lib/text/plural";

export interface MyRoomsProps {
  rooms: MyRoom[];
}

/** The open rooms a person is in, so closing the tab never loses one. */
export function MyRooms({ rooms }: MyRoomsProps) {
  if (!rooms.length) return null;
  return (
    <section className="flex flex-col gap-3" aria-labelledby="my-rooms-title">
      <h2 id="my-rooms-title" className="text-lg font-semibold">Your open rooms</h2>
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
                    {room.isHost ? "You host" : `${room.hostName}’s room`}
                    {room.libraries.length ? ` · ${room.libraries.join(", ")}` : ""}
                  </span>
                </span>
                <span className="h-1.5 overflow-hidden rounded-full bg-night-700" aria-hidden>
                  <span className="block h-full rounded-full bg-reel-500" style={{ width: `${share}%` }} />
                </span>
                <span className="flex justify-between gap-3 text-sm text-neutral-300">
                  <span>
                    {room.swiped} of {room.deckSize} swiped · {countOf(room.people, PEOPLE)}
                  </span>
                  <span className={room.matchCount ? "font-semibold text-reel-400" : ""}>{countOf(room.matchCount, MATCHES)}</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
