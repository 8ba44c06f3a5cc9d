import { describe, expect, it } from "vitest";
import { formatRoomCode, generateRoomCode, normalizeRoomCode, tidyRoomCodeInput, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "@/lib/rooms/codes";
import { signParticipantCookie, verifyParticipantCookie } from "@/lib/rooms/participant-cookie";

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

  it("tidies a code while it is typed: case, separators, full-width and other scripts' look-alikes", () => {
    expect(tidyRoomCodeInput("abcd efgh")).toEqual({ code: "ABCDEFGH", unusable: [] });
    expect(tidyRoomCodeInput("ab–cd—ef.gh")).toEqual({ code: "ABCDEFGH", unusable: [] });
    expect(tidyRoomCodeInput("ＡＢＣＤ－ＥＦＧＨ").code).toBe("ABCDEFGH");
    // Cyrillic А, В, С and Greek Ε, Η typed on those keyboards
    expect(normalizeRoomCode("\u0410\u0412\u0421D-\u0395FG\u0397")).toBe("ABCDEFGH");
    expect(tidyRoomCodeInput("ab0o1il").unusable).toEqual(["0", "O", "1", "I", "L"]);
    expect(normalizeRoomCode("x".repeat(100))).toBeUndefined();
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
