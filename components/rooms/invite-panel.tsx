"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

export interface InvitePanelProps {
  joinUrl: string;
  displayCode: string;
  /** Server-rendered SVG of the QR code of joinUrl. */
  qrSvg: string;
}

/** How others get in: QR code, the code to type, the link, and the phone's share sheet. */
export function InvitePanel({ joinUrl, displayCode, qrSvg }: InvitePanelProps) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations("Room");
  const share = async () => {
    if (navigator.share) {
      try {
        await navigator.share({ title: t("shareTitle"), text: t("shareText", { code: displayCode }), url: joinUrl });
        return;
      } catch {
        // cancelled: fall back to copying
      }
    }
    await navigator.clipboard?.writeText(joinUrl).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section className="flex flex-col items-center gap-4 rounded-3xl bg-night-800 p-5 text-center ring-1 ring-white/10" aria-label={t("invite")}>
      <div className="w-44 rounded-2xl bg-white p-2 [&_svg]:h-auto [&_svg]:w-full" data-testid="qr-code" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <div>
        <p className="text-xs uppercase tracking-widest text-neutral-400">{t("roomCode")}</p>
        <p className="font-mono text-3xl font-bold tracking-wider" data-testid="room-code">
          {displayCode}
        </p>
      </div>
      <p className="break-all text-xs text-neutral-400" data-testid="join-url">
        {joinUrl}
      </p>
      <button type="button" onClick={() => void share()} className="rounded-full bg-reel-500 px-5 py-2.5 font-semibold text-white hover:bg-reel-600">
        {copied ? t("linkCopied") : t("share")}
      </button>
    </section>
  );
}
