"use client";

import { useCallback, useState } from "react";
import type { RoomStreamEvent } from "@/lib/swr/use-room-events";
import { useFinalRound } from "@/lib/swr/use-final-round";
import type { PublicCard } from "@/lib/view-models";

/** final_round_decided's data, as the winner screen shows it. */
export interface FinalWinner {
  roundId: string;
  card: PublicCard;
  decidedBy: "votes" | "likes" | "draw";
  endedBy: "everyone" | "host";
  votes: number;
  likes: number;
}

const FINAL_EVENTS: ReadonlySet<RoomStreamEvent["type"]> = new Set(["final_round_started", "final_round_voted", "final_round_decided"]);

/**
 * The final round as the room screen needs it: the round (read again on each of its events), whether
 * it replaces the deck now, and the winner screen, opened on every screen by final_round_decided
 * (live, or replayed after a reconnect). In a closed room a round left voting no longer replaces the deck.
 */
export function useFinalRoundScreen(code: string, options: { closed: boolean }) {
  const swr = useFinalRound(code);
  const round = swr.data?.round ?? null;
  const [winner, setWinner] = useState<FinalWinner | null>(null);
  const { mutate } = swr;
  /** Takes the room's final_round_* events; answers whether the event was one. */
  const onEvent = useCallback(
    (event: RoomStreamEvent): boolean => {
      if (!FINAL_EVENTS.has(event.type)) return false;
      if (event.type === "final_round_decided") setWinner(event.data as FinalWinner);
      if (event.type === "final_round_started") setWinner(null);
      void mutate();
      return true;
    },
    [mutate],
  );
  const winnerFilm = winner ? round?.films.find((f) => f.card.ratingKey === winner.card.ratingKey) : undefined;
  return {
    round,
    voting: round?.status === "voting" && !options.closed,
    winner,
    /** The winner's "Open in Plex" links, once the round is read again after the decision. */
    winnerPlex: winnerFilm?.plex,
    onEvent,
    refresh: () => void mutate(),
    closeWinner: () => setWinner(null),
    /** Opens the winner screen again for the decided round (from the bar above the deck). */
    showWinner: () => {
      const film = round?.films.find((f) => f.card.ratingKey === round.winner);
      if (round?.status !== "decided" || !film || !round.decidedBy || !round.endedBy) return;
      setWinner({ roundId: round.id, card: film.card, decidedBy: round.decidedBy, endedBy: round.endedBy, votes: film.votes ?? 0, likes: film.likes });
    },
  };
}
