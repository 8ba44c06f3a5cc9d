import { remove as removeConfusables } from "confusables";

/**
 * Names people in a room go by. Two rules keep them apart:
 * - a guest may not take a name that reads like the name of someone already in the room (the
 *   host and members included): compared by `nameKey`, which ignores case, spaces, punctuation,
 *   accents, full-width forms and look-alike letters ("Оlivia" in Cyrillic, "0livia", "OLIVIA ");
 * - two signed-in people who do share a name (two Plex accounts called Sam), or guests who raced
 *   each other to one, are told apart on screen by the order they joined in: "Sam", "Sam (2)".
 * No Node-only imports: the room screen may use displayNames too.
 */

/** Letters that look alike in common fonts, folded to one (after lower-casing). */
const LOOK_ALIKES: Record<string, string> = { "0": "o", "1": "l", i: "l", "|": "l", "!": "l", "5": "s", "$": "s", "@": "a", "3": "e", "7": "t" };
const LOOK_ALIKE_PATTERN = new RegExp(Object.keys(LOOK_ALIKES).map((k) => k.replace(/[|$!]/g, "\\$&")).join("|"), "g");

/** What a name reads as: the same key for every spelling a person could mistake for it. */
export function nameKey(name: string): string {
  const plain = removeConfusables(name.normalize("NFKC"))
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  return plain.replace(LOOK_ALIKE_PATTERN, (m) => LOOK_ALIKES[m] ?? m).replace(/[^\p{L}\p{N}]/gu, "");
}

/** Whether two names read the same. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * The names to show for people listed in the order they joined: the first of each name keeps it,
 * later ones get " (2)", " (3)"...
 */
export function displayNames<T extends { id: string; name: string }>(people: readonly T[]): Map<string, string> {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const p of people) {
    const key = nameKey(p.name) || p.name;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    names.set(p.id, count === 1 ? p.name : `${p.name} (${count})`);
  }
  return names;
}
