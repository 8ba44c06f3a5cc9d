import "server-only";
import type { Participant } from "../../db/models";
import { preparedSql } from "../../db/prepared";

import { getRoomEventBus } from "../../realtime/event-bus";
import { assertRoomOpen, type RoomWithSettings } from "../get-room-or-throw";
import { lockOpenRoom } from "../room-sql";
import { decideRound, latestRound, noRoundVoting } from "./round-sql";
import { isRoomHost } from "./start-final-round";
import { refusal } from "../../i18n/api-errors";

/**
 * The host ends the final round before everyone has voted, as one transaction: it is decided with
 * the votes in so far (none: by likes, then the draw), and final_round_decided goes to every screen.
 */
export async function finishFinalRound(options: { room: RoomWithSettings; participant: Participant }): Promise<void> {
  const { room, participant } = options;
  if (!isRoomHost(room, participant)) throw refusal("forbidden", "onlyHostEndsFinal");
  assertRoomOpen(room);
  const events = await preparedSql().transaction(function* (tx) {
    yield* lockOpenRoom(tx, room.id);
    const round = yield* latestRound(tx, room.id);
    if (round?.status !== "voting") throw noRoundVoting();
    return yield* decideRound(tx, { room, round, endedBy: "host" });
  });
  getRoomEventBus().deliver(events);
}
