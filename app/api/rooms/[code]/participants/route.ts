// POST /api/rooms/[code]/participants - join the room (as the signed-in user, or as a guest with a name); DELETE - leave it
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { joinRoom } from "@/lib/rooms/join-room";
import { leaveRoom } from "@/lib/rooms/leave-room";
import { requireRoomParticipant, resolveRoomViewer, setParticipantCookie } from "@/lib/rooms/resolve-room-viewer";
import { roomParamsSchema, type RoomRouteContext } from "@/lib/rooms/route-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const joinSchema = z.object({ name: z.string().trim().min(1, "Enter a name").max(40, "Use at most 40 characters").optional() }).strict();

export const POST = handle<RoomRouteContext>(async (req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const body = await parseJson(req, joinSchema, 2048);
  const { room, user, participant, former } = await resolveRoomViewer({ code });
  // Someone who had left comes back with their likes: the films the room now agrees on match, in the join's transaction.
  const joined = await joinRoom({ room, userId: user?.id, limitedByPlex: !!user?.limitedByPlex, guestName: body.name, existingParticipantId: (participant ?? former)?.id });
  if (!user) await setParticipantCookie({ room, participantId: joined.participant.id });
  return json({ participantId: joined.participant.id, created: joined.created }, { status: joined.created ? 201 : 200 });
});

export const DELETE = handle<RoomRouteContext>(async (_req, ctx) => {
  const { code } = roomParamsSchema.parse(await ctx.params);
  const { room, participant } = await requireRoomParticipant({ code });
  await leaveRoom({ room, participant });
  return json({ left: true });
});
