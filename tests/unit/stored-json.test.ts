import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { setLogLevel } from "@/lib/log";
import { parseStoredCard } from "@/lib/rooms/card";
import { parseStoredRoomSettings } from "@/lib/rooms/settings";
import { toRecord } from "@/lib/realtime/event-bus";

setLogLevel("silent");

/** The AppError a call throws (fails the test when it throws something else or nothing). */
function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError");
}

const settings = {
  filters: { genresInclude: [], genresExclude: ["12"], unwatchedOnly: false, yearFrom: 1990 },
  order: "shuffled",
  sections: [{ id: "1", title: "Films", total: 40 }],
};

const card = { ratingKey: "101", title: "Heat", year: 1995, genres: ["Crime"], directors: ["Michael Mann"], cast: ["Al Pacino"], sectionId: "1" };

const eventRow = { id: 7, roomId: "r1", type: "match", data: JSON.stringify({ ratingKey: "101" }), createdAt: new Date("2026-01-02T03:04:05Z") };

describe("stored JSON columns are read through their schemas", () => {
  it("reads a room's stored settings", () => {
    expect(parseStoredRoomSettings(JSON.stringify(settings))).toEqual(settings);
  });

  it("reads a dealt card, and an empty slot as null", () => {
    expect(parseStoredCard(JSON.stringify(card))).toEqual(card);
    expect(parseStoredCard("null")).toBeNull();
  });

  it("reads a stored room event", () => {
    expect(toRecord(eventRow)).toEqual({ id: 7, roomId: "r1", type: "match", data: { ratingKey: "101" }, createdAt: "2026-01-02T03:04:05.000Z" });
  });

  it("answers malformed room settings with one clear error, not a crash", () => {
    for (const text of ["{not json", JSON.stringify({ ...settings, order: "sideways" }), JSON.stringify({ ...settings, sections: "1" }), ""]) {
      const error = thrown(() => parseStoredRoomSettings(text));
      expect(error.code).toBe("internal");
      expect(error.status).toBe(500);
      expect(error.message).toBe("The stored room settings could not be read. Try again; if it keeps happening, check the server log.");
    }
  });

  it("answers a malformed card row with the same error", () => {
    const error = thrown(() => parseStoredCard(JSON.stringify({ ...card, genres: "Crime" })));
    expect(error.message).toMatch(/^The stored deck card could not be read\./);
    expect(thrown(() => parseStoredCard("{\"ratingKey\":")).code).toBe("internal");
  });

  it("answers a malformed event row (unknown type, data not JSON) with the same error", () => {
    expect(thrown(() => toRecord({ ...eventRow, type: "fireworks" })).message).toMatch(/^The stored room event 7 could not be read\./);
    expect(thrown(() => toRecord({ ...eventRow, data: "{oops" })).message).toMatch(/^The stored room event 7 could not be read\./);
  });
});
