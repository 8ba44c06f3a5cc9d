import type { z } from "zod";
import { AppError } from "../errors";
import { log } from "../log";

/**
 * JSON kept in a text column (Room.settings, DeckCard.data, RoomEvent.data) is read back through a
 * zod schema, never cast: a value this version cannot read (edited by hand, written by a newer
 * version, cut short) becomes one AppError that names the column, not a crash somewhere later.
 */
export function parseStoredJson<S extends z.ZodType>(options: { schema: S; text: string; what: string }): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(options.text);
  } catch (error) {
    throw storedValueUnreadable(options.what, error);
  }
  const parsed = options.schema.safeParse(value);
  if (!parsed.success) throw storedValueUnreadable(options.what, parsed.error);
  return parsed.data;
}

/**
 * The error for a stored value that does not read as its schema says: 500, as nothing the person
 * asking can fix; the log says which value and why.
 */
export function storedValueUnreadable(what: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  log.error(`stored ${what} could not be read`, { reason: reason.slice(0, 500) });
  return new AppError("internal", `The stored ${what} could not be read. Try again; if it keeps happening, check the server log.`, { cause });
}
