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

/** What a person typed, as a code: upper case, spaces and dashes dropped; undefined if it cannot be one. */
export function normalizeRoomCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== ROOM_CODE_LENGTH) return undefined;
  for (const ch of code) if (!ROOM_CODE_ALPHABET.includes(ch)) return undefined;
  return code;
}

/** "ABCD-EFGH": easier to read aloud. */
export function formatRoomCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
