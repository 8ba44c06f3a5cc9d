/**
 * The languages Reelmatch speaks, and how a request's language is chosen: the person's choice
 * (a cookie set by the language picker), else the best match of the browser's Accept-Language,
 * else English. No locale in the URL. Safe for the browser (no server imports).
 */
export const LOCALES = ["en", "de", "fr", "es", "it", "nl", "pl", "sv", "pt-BR"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";

/** The cookie that remembers the picker's choice (a year; not httpOnly: the picker writes it). */
export const LOCALE_COOKIE = "reelmatch-locale";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** Each language in its own words, for the picker. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  it: "Italiano",
  nl: "Nederlands",
  pl: "Polski",
  sv: "Svenska",
  "pt-BR": "Português (Brasil)",
};

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

const language = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The best of our locales for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8"): ranges by
 * weight (q=0 means "not this"), each matched exactly (case-insensitive) and then by its language
 * alone, so "de-AT" gets German and "pt-PT" Brazilian Portuguese. English when nothing matches.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): AppLocale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .slice(0, 1000)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.tag !== "*" && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const byLanguage = LOCALES.find((l) => language(l) === language(tag));
    if (byLanguage) return byLanguage;
  }
  return DEFAULT_LOCALE;
}
