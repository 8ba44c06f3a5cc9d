"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { cookiePath } from "@/lib/base-path";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALE_NAMES, LOCALES, isLocale } from "@/lib/i18n/locales";

/** Remembers the choice in a cookie (scoped to the app's path) and shows the page again in it. */
function chooseLocale(locale: string) {
  if (!isLocale(locale)) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=${cookiePath}; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax${secure}`;
  // A full reload: every server-rendered word, <html lang> and the service worker's pages follow.
  window.location.reload();
}

export interface LanguagePickerProps {
  className?: string;
}

/** The language picker of the landing page, the home page and the room's People panel. */
export function LanguagePicker({ className = "" }: LanguagePickerProps) {
  const t = useTranslations("Language");
  const locale = useLocale();
  const id = useId();
  return (
    <div className={`flex items-center gap-2 text-sm text-neutral-300 ${className}`}>
      <label htmlFor={id}>{t("label")}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => chooseLocale(e.target.value)}
        data-testid="language-picker"
        className="min-h-11 rounded-full bg-night-700 px-3 text-neutral-100 ring-1 ring-white/10"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
