"use client";

import { useTranslations } from "next-intl";

const link = "min-h-11 rounded-full px-5 py-3 font-semibold";

/**
 * "Open in Plex" (the web app) and "Open in the Plex app", for members. Until the links are known
 * (the room's matches are fetched after the match event), two invisible boxes of the same size hold
 * their place, so nothing moves when they arrive.
 */
export function PlexLinks({ plex, testId }: { plex?: { web: string; app: string }; testId: string }) {
  const t = useTranslations("Match");
  if (!plex) {
    return (
      <div aria-hidden className="invisible flex flex-col gap-2">
        <span className={link}>{t("openInPlex")}</span>
        <span className={link}>{t("openInPlexApp")}</span>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <a href={plex.web} target="_blank" rel="noreferrer" data-testid={testId} className={`${link} bg-amber-400 text-black hover:bg-amber-300`}>
        {t("openInPlex")}
      </a>
      <a href={plex.app} data-testid={`${testId}-app`} className={`${link} bg-night-700 ring-1 ring-white/10`}>
        {t("openInPlexApp")}
      </a>
    </div>
  );
}
