import { describe, expect, it } from "vitest";
import { pickWinner } from "@/lib/rooms/final-round/pick-winner";

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("a final round's winner", () => {
  it("is the film with the most votes, whatever the likes", () => {
    expect(pickWinner({ candidates: ["1", "2", "3"], votes: map({ "2": 2, "3": 1 }), likes: map({ "1": 9, "3": 9 }), seed: "s" })).toEqual({ ratingKey: "2", decidedBy: "votes" });
  });

  it("among films with as many votes, the one with the most likes", () => {
    expect(pickWinner({ candidates: ["1", "2", "3"], votes: map({ "1": 1, "2": 1 }), likes: map({ "1": 2, "2": 3, "3": 5 }), seed: "s" })).toEqual({ ratingKey: "2", decidedBy: "likes" });
    // Nobody voted (the host ended the round): all are tied on votes.
    expect(pickWinner({ candidates: ["1", "2", "3"], votes: map({}), likes: map({ "3": 4, "1": 2 }), seed: "s" })).toEqual({ ratingKey: "3", decidedBy: "likes" });
  });

  it("a tie in votes and likes goes to the seed's draw: the same seed always draws the same film, and seeds differ", () => {
    const candidates = ["10", "20", "30", "40"];
    const drawn = (seed: string) => pickWinner({ candidates, votes: map({}), likes: map({}), seed });
    expect(drawn("abc")).toEqual(drawn("abc"));
    expect(drawn("abc").decidedBy).toBe("draw");
    // The order the films are listed in does not matter.
    expect(pickWinner({ candidates: [...candidates].reverse(), votes: map({}), likes: map({}), seed: "abc" })).toEqual(drawn("abc"));
    const winners = new Set(Array.from({ length: 64 }, (_, i) => drawn(`seed-${i}`).ratingKey));
    expect(winners.size).toBe(4);
  });

  it("refuses a round without films", () => {
    expect(() => pickWinner({ candidates: [], votes: map({}), likes: map({}), seed: "s" })).toThrow();
  });
});
