import { useTranslations } from "next-intl";

export interface UnreadableTokensNoticeProps {
  names: string[];
}

/** Admin page: some stored Plex tokens cannot be decrypted, why, and what happens next. */
export function UnreadableTokensNotice({ names }: UnreadableTokensNoticeProps) {
  const t = useTranslations("AdminPage");
  return (
    <section role="status" data-testid="unreadable-tokens" className="rounded-2xl border border-amber-400/30 bg-amber-500/10 p-4 text-sm text-amber-100">
      <h2 className="font-semibold">{t("unreadableTitle")}</h2>
      <p className="mt-1">
        {t.rich("unreadableWhy", { names: names.join(", "), file: (chunks) => <span className="font-mono">{chunks}</span> })}
      </p>
      <p className="mt-1">
        {t("unreadableNext")}
      </p>
    </section>
  );
}
