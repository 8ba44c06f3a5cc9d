import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A guest is a Participant row bound to an httpOnly cookie per room: "participantId.signature",
 * an HMAC-SHA256 (keyed with SECRET) of the room and participant ids, so it cannot be forged or
 * moved to another room. A refresh or a new tab sends it again and rejoins as the same person.
 */
export function participantCookieName(code: string): string {
  return `rm_room_${code}`;
}

function sign(secret: string, roomId: string, participantId: string): string {
  return createHmac("sha256", secret).update(`participant:${roomId}:${participantId}`).digest("base64url");
}

export function signParticipantCookie(options: { secret: string; roomId: string; participantId: string }): string {
  return `${options.participantId}.${sign(options.secret, options.roomId, options.participantId)}`;
}

/** The participant id in a cookie value, if its signature is right for this room. */
export function verifyParticipantCookie(options: { secret: string; roomId: string; value: string | undefined }): string | undefined {
  const [participantId, signature] = (options.value ?? "").split(".");
  if (!participantId || !signature) return undefined;
  const expected = Buffer.from(sign(options.secret, options.roomId, participantId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? participantId : undefined;
}
