import { describe, expect, it } from "vitest";
import { ageChoiceLabel, contentRatingLabel } from "@/lib/rooms/content-ratings";
import { displayNames, nameKey, sameName } from "@/lib/rooms/participant-names";

describe("names people go by in a room", () => {
  it("reads the same for case, spaces, punctuation, accents, full-width and look-alike letters", () => {
    for (const variant of ["olivia", " OLIVIA ", "O. Livia", "Ｏｌｉｖｉａ", "\u041El\u0456via", "0livia", "OIivia", "Olívia"]) {
      expect(sameName("Olivia", variant), variant).toBe(true);
    }
    for (const other of ["Oliver", "Liv", "Olivia B"]) expect(sameName("Olivia", other), other).toBe(false);
    expect(nameKey("Zoë")).toBe(nameKey("zoe"));
  });

  it("tells people of one name apart in the order they joined", () => {
    const names = displayNames([
      { id: "a", name: "Sam" },
      { id: "b", name: "Ann" },
      { id: "c", name: "sam" },
      { id: "d", name: "SAM " },
    ]);
    expect([...names.values()]).toEqual(["Sam", "Ann", "sam (2)", "SAM  (3)"]);
  });
});

describe("age limits keep their countries", () => {
  it("labels each rating with its country", () => {
    expect(contentRatingLabel("gb/12A")).toBe("UK 12A");
    expect(contentRatingLabel("de/12")).toBe("DE 12");
    expect(contentRatingLabel("UK: 12a")).toBe("UK 12A");
    expect(contentRatingLabel("PG-13")).toBe("US PG-13");
    expect(contentRatingLabel("FSK 12")).toBe("FSK 12");
    expect(ageChoiceLabel("12+", ["gb/12A", "de/12", "UK: 12a"])).toBe("12+ (UK 12A, DE 12)");
    expect(ageChoiceLabel("8+", ["PG", "gb/PG", "US/PG"])).toBe("8+ (US PG, UK PG)");
    expect(ageChoiceLabel("All ages", ["G", "gb/U"])).toBe("All ages (US G, UK U)");
  });
});
