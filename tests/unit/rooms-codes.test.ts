import { describe, expect, it } from "vitest";
import { formatRoomCode, generateRoomCode, normalizeRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "@/lib/rooms/codes";
import { assertJoinAllowed, assertStrangerLookupAllowed, FAILED_JOIN_LIMIT, FAILED_JOIN_WINDOW_MS, recordFailedJoin, STRANGER_FAILED_JOIN_LIMIT } from "@/lib/rooms/join-rate-limit";
import { signParticipantCookie, verifyParticipantCookie } from "@/lib/rooms/participant-cookie";
import { AppError } from "@/lib/errors";

describe("room codes", () => {
  it("uses an unambiguous 31-character alphabet", () => {
    expect(ROOM_CODE_ALPHABET).toHaveLength(31);
    for (const ch of "0O1IL") expect(ROOM_CODE_ALPHABET).not.toContain(ch);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(31);
  });

  it("generates 8-character codes, too many to guess, without repeats in practice", () => {
    expect(ROOM_CODE_ALPHABET.length ** ROOM_CODE_LENGTH).toBeGreaterThan(5e11);
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const code = generateRoomCode();
      expect(code).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{8}$`));
      codes.add(code);
    }
    expect(codes.size).toBe(5000);
  });

  it("normalizes what people type and rejects what cannot be a code", () => {
    expect(normalizeRoomCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normalizeRoomCode(" abcd efgh ")).toBe("ABCDEFGH");
    expect(normalizeRoomCode("ABCDEFG0")).toBeUndefined();
    expect(normalizeRoomCode("ABC")).toBeUndefined();
    expect(normalizeRoomCode("<script>")).toBeUndefined();
    expect(formatRoomCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});

describe("failed join rate limit", () => {
  it("refuses an address after too many wrong codes, until the window ends", () => {
    const address = `test-${Math.random()}`;
    const now = 1_000_000;
    for (let i = 0; i < FAILED_JOIN_LIMIT; i++) {
      assertJoinAllowed({ address, now });
      recordFailedJoin({ address, now });
    }
    expect(() => assertJoinAllowed({ address, now })).toThrow(AppError);
    try {
      assertJoinAllowed({ address, now });
    } catch (error) {
      expect((error as AppError).code).toBe("rate_limited");
      expect((error as AppError).retryAfter).toBeGreaterThan(0);
    }
    expect(() => assertJoinAllowed({ address: `${address}-other`, now })).not.toThrow();
    expect(() => assertJoinAllowed({ address, now: now + FAILED_JOIN_WINDOW_MS + 1 })).not.toThrow();
  });

  it("pauses strangers' lookups for everyone once too many codes failed across all addresses", () => {
    // Far from the other tests' clock, so this window is its own.
    const now = 9_000_000_000;
    expect(() => assertStrangerLookupAllowed({ now })).not.toThrow();
    for (let i = 0; i < STRANGER_FAILED_JOIN_LIMIT; i++) recordFailedJoin({ address: `spoofed-${i}`, now });
    let refused: AppError | undefined;
    try {
      assertStrangerLookupAllowed({ now });
    } catch (error) {
      refused = error as AppError;
    }
    expect(refused?.code).toBe("rate_limited");
    expect(refused?.retryAfter).toBe(FAILED_JOIN_WINDOW_MS / 1000);
    // each of those addresses on its own is well under its limit
    expect(() => assertJoinAllowed({ address: "spoofed-7", now })).not.toThrow();
    expect(() => assertStrangerLookupAllowed({ now: now + FAILED_JOIN_WINDOW_MS + 1 })).not.toThrow();
  });
});

describe("guest participant cookie", () => {
  const secret = "s".repeat(40);
  it("round-trips and cannot be forged or moved to another room", () => {
    const value = signParticipantCookie({ secret, roomId: "room1", participantId: "p1" });
    expect(verifyParticipantCookie({ secret, roomId: "room1", value })).toBe("p1");
    expect(verifyParticipantCookie({ secret, roomId: "room2", value })).toBeUndefined();
    expect(verifyParticipantCookie({ secret: "t".repeat(40), roomId: "room1", value })).toBeUndefined();
    expect(verifyParticipantCookie({ secret, roomId: "room1", value: value.replace("p1.", "p2.") })).toBeUndefined();
    expect(verifyParticipantCookie({ secret, roomId: "room1", value: undefined })).toBeUndefined();
    expect(verifyParticipantCookie({ secret, roomId: "room1", value: "garbage" })).toBeUndefined();
  });
});
