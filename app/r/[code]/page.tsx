import type { Metadata } from "next";
import QRCode from "qrcode";
import { preload } from "react-dom";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { JoinCodeForm } from "@/components/rooms/join-code-form";
import { JoinRoomForm } from "@/components/rooms/join-room-form";
import { RoomScreen } from "@/components/rooms/room-screen";
import { RoomShell } from "@/components/rooms/room-shell";
import { pmsForUser } from "@/lib/auth/viewer";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { formatRoomCode } from "@/lib/rooms/codes";
import { describeRoomInvite } from "@/lib/rooms/describe-room-invite";
import { getDeckPage } from "@/lib/rooms/get-deck-page";
import { getRoomState } from "@/lib/rooms/get-room-state";
import { resolveRoomViewer, type RoomViewer } from "@/lib/rooms/resolve-room-viewer";
import { withBase } from "@/lib/base-path";
import { DECK_CARD_SIZES, posterSrcSet, posterUrl } from "@/lib/poster-urls";
import { DECK_PAGE_SIZE } from "@/lib/swr/types";

export const metadata: Metadata = { title: "Room" };
export const dynamic = "force-dynamic";

/** How long the page waits for the deck's first page (stored cards take milliseconds; dealing asks Plex). */
const FIRST_PAGE_WAIT_MS = 1000;

export default async function RoomPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  let viewer: RoomViewer;
  try {
    viewer = await resolveRoomViewer({ code });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "rate_limited" || error.code === "forbidden")) {
      const title = { not_found: "No such room", rate_limited: "Slow down", forbidden: "Sign in again" }[error.code];
      // A code that found no room stays on the form, with the error at the field, to be corrected.
      if (error.code === "not_found") {
        return (
          <RoomShell title={title}>
            <JoinCodeForm initialCode={code.slice(0, 32)} initialError={error.message} />
          </RoomShell>
        );
      }
      return (
        <RoomShell title={title}>
          <p className="text-neutral-300">{error.message}</p>
          {error.code === "forbidden" ? (
            <SignOutButton />
          ) : (
            <a href={withBase("/join")} className="self-start rounded-full bg-reel-500 px-5 py-3 font-semibold text-white">Type a code</a>
          )}
        </RoomShell>
      );
    }
    throw error;
  }
  const { room, user, participant } = viewer;
  if (!participant) {
    if (room.status !== "open") {
      return (
        <RoomShell title="This room is closed">
          <p className="text-neutral-300">The host closed it. Ask them for a new code.</p>
        </RoomShell>
      );
    }
    const invite = await describeRoomInvite({ room });
    return (
      <RoomShell title={user?.id === room.hostUserId ? "Your room" : `${invite.hostName} invited you`}>
        <JoinRoomForm code={room.code} displayCode={formatRoomCode(room.code)} userName={user?.name ?? null} guestsAllowed={room.guestsAllowed} invite={invite} />
      </RoomShell>
    );
  }
  const joinUrl = `${getConfig().appUrl}/r/${room.code}`;
  const [qrSvg, state] = await Promise.all([
    QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } }),
    getRoomState({ room, participant }),
  ]);
  // The deck's first page comes with the page (the browser need not ask for it after starting up),
  // and the first card's poster, the page's largest paint, starts loading with the HTML. Without
  // the page (Plex unreachable, or cards still being dealt after FIRST_PAGE_WAIT_MS), the page goes
  // out at once and the deck asks for the cards itself, showing that they are being dealt or what
  // went wrong.
  const firstDeckPage =
    room.status === "open"
      ? await Promise.race([
          getDeckPage({ room, from: state.me.next, count: DECK_PAGE_SIZE, pms: () => pmsForUser(room.hostUserId) }).catch(() => undefined),
          new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS)),
        ])
      : undefined;
  const poster = firstDeckPage?.cards[0]?.poster;
  if (poster) preload(posterUrl(poster, 480), { as: "image", imageSrcSet: posterSrcSet(poster), imageSizes: DECK_CARD_SIZES, fetchPriority: "high" });
  return <RoomScreen initial={{ joined: true, ...state }} joinUrl={joinUrl} qrSvg={qrSvg} firstDeckPage={firstDeckPage} />;
}
