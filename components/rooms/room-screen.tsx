"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomParticipant } from "@/lib/view-models";
import { SWRConfig, useSWRConfig } from "swr";
import { SwipeDeck } from "@/components/swipe/swipe-deck";
import { useMatches } from "@/lib/swr/use-matches";
import { useRoom } from "@/lib/swr/use-room";
import { useRoomEvents } from "@/lib/swr/use-room-events";
import type { DeckPage, JoinedRoom, LeftRoom, PublicCard } from "@/lib/swr/types";
import { InvitePanel } from "./invite-panel";
import { RoomActions } from "./room-actions";
import { RoomShell } from "./room-shell";
import { Brand } from "@/components/ui/brand";
import { withBase } from "@/lib/base-path";
import { WakeLockToggle } from "@/components/pwa/wake-lock-toggle";
import { LanguagePicker } from "@/components/i18n/language-picker";
import { ParticipantAvatars } from "./participant-avatars";
import { useWideScreen } from "./use-wide-screen";
import { FinalRoundBar } from "@/components/final-round/final-round-bar";
import { useFinalRoundScreen } from "@/components/final-round/use-final-round-screen";

// Not part of the first paint (a match, the Matches tab, the wide screen's list, the final round's
// vote and winner, Play on… and the watchlist, all rendered in the browser only): out of the page's
// first-load JavaScript, and fetched once the page is idle so that they are there, also offline,
// when needed.
const loadMatchOverlay = () => import("./match-overlay").then((m) => ({ default: m.MatchOverlay }));
const loadMatchesList = () => import("./matches-list").then((m) => ({ default: m.MatchesList }));
const loadMatchActions = () => import("@/components/match/match-actions").then((m) => ({ default: m.MatchActions }));
const loadFinalRoundVote = () => import("@/components/final-round/final-round-vote").then((m) => ({ default: m.FinalRoundVote }));
const loadFinalRoundWinner = () => import("@/components/final-round/final-round-winner").then((m) => ({ default: m.FinalRoundWinner }));
const LAZY_PARTS = [loadMatchOverlay, loadMatchesList, loadMatchActions, loadFinalRoundVote, loadFinalRoundWinner];
const MatchOverlay = lazy(loadMatchOverlay);
const MatchesList = lazy(loadMatchesList);
const MatchActions = lazy(loadMatchActions);
const FinalRoundVote = lazy(loadFinalRoundVote);
const FinalRoundWinner = lazy(loadFinalRoundWinner);

function usePreloadWhenIdle(): void {
  useEffect(() => {
    const preload = () => {
      for (const load of LAZY_PARTS) void load();
    };
    if ("requestIdleCallback" in window) {
      const id = requestIdleCallback(preload, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const timer = setTimeout(preload, 1000);
    return () => clearTimeout(timer);
  }, []);
}

export interface RoomScreenProps {
  initial: JoinedRoom;
  joinUrl: string;
  qrSvg: string;
  /** The deck's first page from this participant's position, when the server could read it. */
  firstDeckPage?: DeckPage;
}

type Tab = "swipe" | "matches" | "invite";

function Room({ initial, joinUrl, qrSvg, firstDeckPage }: RoomScreenProps) {
  const code = initial.code;
  const t = useTranslations("Room");
  const { data = initial } = useRoom(code);
  // Someone who left (in another tab, say) gets the room's answer for strangers on the next reload.
  const left = !data.joined;
  const room = data.joined ? data : initial;
  const { data: matches } = useMatches(code);
  const { mutate } = useSWRConfig();
  const [tab, setTab] = useState<Tab>("swipe");
  // The matches list lives in the Matches tab on phones and beside the deck on wide screens: one at a time.
  const wide = useWideScreen();
  const [overlay, setOverlay] = useState<{ card: PublicCard; likers: string[]; withdrawn: boolean } | null>(null);
  // Read out by screen readers: matches made and taken back.
  const [announcement, setAnnouncement] = useState("");
  const [withdrawn, setWithdrawn] = useState<ReadonlySet<number>>(() => new Set());
  const closed = room.status !== "open";
  const final = useFinalRoundScreen(code, { closed });
  usePreloadWhenIdle();

  useRoomEvents(code, initial.lastEventId, (event) => {
    if (final.onEvent(event)) {
      // A final round replaces the deck: phones go to it.
      if (event.type === "final_round_started") setTab("swipe");
      return;
    }
    if (event.type === "progress") {
      // A swipe somewhere: move that person's count in place (no room reload per swipe per screen);
      // the event carries the very figure the room state shows.
      const { participantId, swiped } = event.data as { participantId: string; swiped: number };
      void mutate<JoinedRoom | LeftRoom>(
        `/api/rooms/${code}`,
        (current) => (current?.joined ? { ...current, participants: current.participants.map((p) => (p.id === participantId ? { ...p, swiped } : p)) } : current),
        { revalidate: false },
      );
      // Likes move the "N of M liked" figures: an open Matches tab reads them again.
      if (tab === "matches") void mutate(`/api/rooms/${code}/matches`);
      return;
    }
    if (event.type === "match") {
      const { card, likers = [] } = event.data as { card: PublicCard; likers?: string[] };
      setOverlay({ card, likers, withdrawn: false });
      setAnnouncement(t("announceMatch", { title: card.title }));
      void mutate(`/api/rooms/${code}/matches`);
    }
    if (event.type === "match_removed") {
      // An undo took the match back: the open overlay says so on every screen.
      const { ratingKey } = event.data as { ratingKey: string };
      setOverlay((open) => (open && open.card.ratingKey === ratingKey ? { ...open, withdrawn: true } : open));
      const title = matches?.matches.find((m) => m.card.ratingKey === ratingKey)?.card.title;
      setAnnouncement(title ? t("announceWithdrawn", { title }) : t("announceWithdrawnUnknown"));
      void mutate(`/api/rooms/${code}/matches`);
    }
    if (event.type === "deck_withdrawn") {
      // Cards a restricted participant may not see leave every screen (positions only).
      const positions = (event.data as { positions: number[] }).positions;
      setWithdrawn((old) => new Set([...old, ...positions]));
      setOverlay((open) => (open && positions.includes(open.card.position) ? null : open));
      void mutate(`/api/rooms/${code}/matches`);
    }
    void mutate(`/api/rooms/${code}`);
  });

  const plexFor = (card: PublicCard) => matches?.matches.find((m) => m.card.ratingKey === card.ratingKey)?.plex;
  const me = room.participants.find((p) => p.id === room.me.participantId);
  const host = room.participants.find((p) => p.isHost);
  const guest = me?.isGuest ? { hostName: host?.name ?? t("theHost") } : undefined;
  const likersOf = (ids: string[]): RoomParticipant[] => room.participants.filter((p) => ids.includes(p.id));
  // The list is refetched on every match event; the room's own count comes with the room state.
  const matchCount = matches ? matches.matches.length : room.matchCount;
  const summary = t(room.matchRule.kind === "all" ? "summaryAll" : "summaryAtLeast", {
    people: room.participants.length,
    count: room.matchRule.kind === "all" ? 0 : room.matchRule.count,
  });
  const tabs: { id: Tab; label: string; className?: string }[] = [
    { id: "swipe", label: t("tabSwipe") },
    // Desktop shows the matches and people beside the deck: no tabs there.
    { id: "matches", label: t("tabMatches", { count: matchCount }), className: "lg:hidden" },
    { id: "invite", label: t("tabInvite"), className: "lg:hidden" },
  ];

  if (left) {
    return (
      <RoomShell title={t("leftTitle")}>
        <a href={withBase(`/r/${code}`)} className="self-start rounded-full bg-reel-500 px-5 py-3 font-semibold text-white">
          {t("joinAgain")}
        </a>
      </RoomShell>
    );
  }

  return (
    <div className="mx-auto flex h-dvh max-w-7xl flex-col gap-3 px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-[max(0.75rem,env(safe-area-inset-top))] lg:flex-row lg:gap-6 lg:px-6 lg:py-6 xl:gap-8 xl:px-8">
      <aside className="hidden w-64 shrink-0 flex-col gap-4 overflow-y-auto lg:flex xl:w-72" data-testid="room-side-people">
        <Brand />
        <InvitePanel joinUrl={joinUrl} displayCode={room.displayCode} qrSvg={qrSvg} />
        <People room={room} />
      </aside>
      {/* Phones held sideways: header and tabs share the first row, so the card keeps its height. */}
      <main className="flex min-h-0 flex-1 flex-col gap-3 lg:max-w-md xl:max-w-lg [@media(max-height:520px)]:grid [@media(max-height:520px)]:grid-cols-2 [@media(max-height:520px)]:grid-rows-[auto_auto_minmax(0,1fr)] [@media(max-height:520px)]:items-center">
        {/* min-h-11: the "Keep screen on" toggle (44 px, shown only where the browser has wake locks,
            so only after hydration) must not push the page down when it appears. */}
        <header className="flex min-h-11 items-center justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-xs uppercase tracking-widest text-neutral-400">{t("heading", { code: room.displayCode })}</h1>
            <p className="truncate text-sm text-neutral-300">{summary}</p>
          </div>
          <WakeLockToggle />
          <div className="lg:hidden">
            <ParticipantAvatars participants={room.participants} />
          </div>
        </header>
        <nav className="flex gap-1 rounded-full bg-night-800 p-1 text-sm font-semibold lg:hidden" aria-label={t("views")}>
          {tabs.map((t) => (
            <button key={t.id} type="button" onClick={() => setTab(t.id)} aria-pressed={tab === t.id} data-testid={`tab-${t.id}`}
              className={`min-h-11 flex-1 rounded-full px-3 py-2 transition ${tab === t.id ? "bg-reel-500 text-white" : "text-neutral-300 hover:text-white"} ${t.className ?? ""}`}>
              {t.label}
            </button>
          ))}
        </nav>
        {closed ? <p className="rounded-xl bg-amber-500/15 [@media(max-height:520px)]:col-span-2 px-4 py-2 text-sm text-amber-200">{t("closedNote")}</p> : null}
        <FinalRoundBar code={code} isHost={room.isHost} matchCount={matchCount} round={final.round} closed={closed} onShowWinner={final.showWinner} />
        <div className="min-h-0 flex-1 [@media(max-height:520px)]:col-span-2 [@media(max-height:520px)]:row-start-3 [@media(max-height:520px)]:h-full">
          <div className={final.voting ? "hidden" : tab === "swipe" ? "h-full" : "hidden lg:block lg:h-full"}>
            <SwipeDeck code={code} start={initial.me.next} total={room.deckSize} swiped={me?.swiped ?? 0} withdrawn={withdrawn} disabled={closed} paused={overlay !== null || final.voting || final.winner !== null} firstPage={firstDeckPage} />
          </div>
          {final.voting && final.round ? (
            <div className={tab === "swipe" ? "h-full" : "hidden lg:block lg:h-full"}>
              <Suspense fallback={null}>
                <FinalRoundVote code={code} round={final.round} isHost={room.isHost} onChange={final.refresh} />
              </Suspense>
            </div>
          ) : null}
          {tab === "matches" && !wide ? (
            <div className="h-full overflow-y-auto pb-4 lg:hidden">
              <Suspense fallback={null}>
                <MatchesList code={code} guest={guest} />
              </Suspense>
            </div>
          ) : null}
          {tab === "invite" ? (
            <div className="flex h-full flex-col gap-4 overflow-y-auto pb-4 lg:hidden">
              <InvitePanel joinUrl={joinUrl} displayCode={room.displayCode} qrSvg={qrSvg} />
              <People room={room} />
            </div>
          ) : null}
        </div>
      </main>
      <aside className="hidden min-h-0 min-w-0 flex-1 flex-col overflow-y-auto pb-4 lg:flex lg:max-w-sm" aria-label={t("matchesAside")} data-testid="room-side-matches">
        {wide ? (
          <Suspense fallback={null}>
            <MatchesList code={code} guest={guest} />
          </Suspense>
        ) : null}
      </aside>
      <p className="sr-only" aria-live="assertive" data-testid="match-announcer">
        {announcement}
      </p>
      {overlay ? (
        <Suspense fallback={null}>
          <MatchOverlay
            key={overlay.card.ratingKey}
            code={code}
            card={overlay.card}
            likers={likersOf(overlay.likers)}
            plex={guest ? undefined : plexFor(overlay.card)}
            guest={guest}
            withdrawn={overlay.withdrawn}
            actions={guest ? undefined : <MatchActions code={code} ratingKey={overlay.card.ratingKey} webLink={plexFor(overlay.card)?.web} />}
            onClose={() => setOverlay(null)}
            onShowMatches={() => {
              setOverlay(null);
              setTab("matches");
            }}
          />
        </Suspense>
      ) : null}
      {final.winner ? (
        <Suspense fallback={null}>
          <FinalRoundWinner code={code} winner={final.winner} plex={guest ? undefined : final.winnerPlex} guest={guest} onClose={final.closeWinner}
            playSlot={guest ? undefined : <MatchActions code={code} ratingKey={final.winner.card.ratingKey} webLink={final.winnerPlex?.web} />} />
        </Suspense>
      ) : null}
    </div>
  );
}

function People({ room }: { room: JoinedRoom }) {
  const t = useTranslations("Room");
  return (
    <section className="rounded-3xl bg-night-800 p-4 ring-1 ring-white/10" aria-label={t("people")}>
      <h2 className="mb-2 text-sm font-semibold text-neutral-300">{t("inTheRoom")}</h2>
      <ul className="flex flex-col gap-2" data-testid="participants">
        {room.participants.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-2 text-sm">
            <span className="truncate">
              {p.name}
              {p.isHost ? <span className="ml-1 text-xs text-reel-400">{t("host")}</span> : null}
              {p.isGuest ? <span className="ml-1 text-xs text-neutral-400">{t("guest")}</span> : null}
            </span>
            <span className="shrink-0 text-neutral-400">
              {t("swipedOf", { swiped: p.swiped, total: room.deckSize })}
            </span>
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <RoomActions code={room.code} isHost={room.isHost} open={room.status === "open"} />
      </div>
      <LanguagePicker className="mt-3" />
    </section>
  );
}

/** The room: swipe deck, matches, invite (QR, code, share), and the match overlay on every screen. */
export function RoomScreen(props: RoomScreenProps) {
  return (
    <SWRConfig value={{ fallback: { [`/api/rooms/${props.initial.code}`]: props.initial } }}>
      <Room {...props} />
    </SWRConfig>
  );
}
