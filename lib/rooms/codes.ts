/**
 * Room codes: 8 characters from a 31-character alphabet without the look-alikes 0/O, 1/I/L.
 * 31^8 is about 8.5e11 codes, too many to guess at the rate failed joins are allowed.
 * No Node-only imports: the join form in the browser uses the same rules.
 */
export const ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ROOM_CODE_LENGTH = 8;

/** A fresh random room code (Web Crypto; bytes of 248 and above are dropped so no letter is favoured). */
export function generateRoomCode(): string {
  const limit = 256 - (256 % ROOM_CODE_ALPHABET.length);
  let code = "";
  while (code.length < ROOM_CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && code.length < ROOM_CODE_LENGTH) code += ROOM_CODE_ALPHABET[byte % ROOM_CODE_ALPHABET.length];
    }
  }
  return code;
}

/**
 * Letters of other scripts that look like the code's own (a Greek or Cyrillic keyboard types them
 * for the same key caps): read as the Latin letter they look like. Full-width forms (East Asian
 * keyboards) are folded by NFKC first. The look-alikes within Latin (0/O, 1/I/L) need no mapping:
 * the alphabet has none of them, so a code never leaves the doubt.
 */
const SCRIPT_LOOK_ALIKES: Record<string, string> = {
  А: "A", В: "B", С: "C", Е: "E", Н: "H", К: "K", М: "M", Р: "P", Т: "T", Х: "X", У: "Y", Ѕ: "S", Ј: "J",
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Κ: "K", Μ: "M", Ν: "N", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
};

/** Characters a person may type between the code's letters: spaces, dashes of every kind, dots, underscores. */
const SEPARATORS = /[\s\p{Pd}._·]/gu;

/**
 * What a person is typing, tidied as they type: upper case, separators dropped, look-alikes read as
 * the code's letters (see SCRIPT_LOOK_ALIKES). `unusable` lists characters that cannot be in any
 * code (such as 0, O, 1, I, L), so the form can say so at once.
 */
export function tidyRoomCodeInput(input: string): { code: string; unusable: string[] } {
  const chars = [...input.normalize("NFKC").toUpperCase().replace(SEPARATORS, "")].map((ch) => SCRIPT_LOOK_ALIKES[ch] ?? ch);
  const unusable = [...new Set(chars.filter((ch) => !ROOM_CODE_ALPHABET.includes(ch)))];
  return { code: chars.join("").slice(0, ROOM_CODE_LENGTH * 2), unusable };
}

/** What a person typed, as a code: tidied (see tidyRoomCodeInput); undefined if it cannot be one. */
export function normalizeRoomCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const { code } = tidyRoomCodeInput(input);
  if (code.length !== ROOM_CODE_LENGTH) return undefined;
  for (const ch of code) if (!ROOM_CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

/** "ABCD-EFGH": easier to read aloud. */
export function formatRoomCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
