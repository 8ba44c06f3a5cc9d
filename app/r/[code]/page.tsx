import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
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
import { waitParts } from "@/lib/limits/wait-text";
import { DECK_CARD_SIZES, posterSrcSet, posterUrl } from "@/lib/poster-urls";
import { DECK_PAGE_SIZE } from "@/lib/swr/types";

/** The room page's refusals in the reader's language (the API keeps its English messages, also for logs). */
async function refusalText(error: AppError): Promise<string> {
  const t = await getTranslations("RoomPage");
  if (error.code === "not_found") return t("noSuchRoomText");
  if (error.code === "forbidden") return t("unreadableAccess");
  const wait = (await getTranslations("Common"))("wait", waitParts(error.retryAfter ?? 60));
  return error.details?.paused ? t("joiningPaused", { wait }) : t("tooManyCodes", { wait });
}

export const generateMetadata = titled("Titles.room");
export const dynamic = "force-dynamic";

/** How long the page waits for the deck's first page (stored cards take milliseconds; dealing asks Plex). */
const FIRST_PAGE_WAIT_MS = 1000;

export default async function RoomPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const t = await getTranslations("RoomPage");
  let viewer: RoomViewer;
  try {
    viewer = await resolveRoomViewer({ code });
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "rate_limited" || error.code === "forbidden")) {
      const title = { not_found: t("noSuchRoom"), rate_limited: t("slowDown"), forbidden: t("signInAgain") }[error.code];
      // A code that found no room stays on the form, with the error at the field, to be corrected.
      if (error.code === "not_found") {
        return (
          <RoomShell title={title}>
            <JoinCodeForm initialCode={code.slice(0, 32)} initialError={await refusalText(error)} />
          </RoomShell>
        );
      }
      return (
        <RoomShell title={title}>
          <p className="text-neutral-300">{await refusalText(error)}</p>
          {error.code === "forbidden" ? (
            <SignOutButton />
          ) : (
            <a href={withBase("/join")} className="self-start rounded-full bg-reel-500 px-5 py-3 font-semibold text-white">{t("typeCode")}</a>
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
        <RoomShell title={t("closedTitle")}>
          <p className="text-neutral-300">{t("closedText")}</p>
        </RoomShell>
      );
    }
    const invite = await describeRoomInvite({ room });
    return (
      <RoomShell title={user?.id === room.hostUserId ? t("yourRoom") : t("invitedBy", { name: invite.hostName })}>
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
