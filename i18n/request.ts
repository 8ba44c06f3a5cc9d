// next-intl's per-request configuration: the locale (lib/i18n/locales.ts) and its catalogue.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type { Messages } from "next-intl";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type AppLocale } from "@/lib/i18n/locales";

export async function requestLocale(): Promise<AppLocale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: ((await import(`../messages/${locale}.json`)) as { default: Messages }).default,
    // Dates are shown in the server's zone unless a component passes one (there are few dates).
    timeZone: process.env.TZ || "UTC",
  };
});
