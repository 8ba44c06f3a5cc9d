import type { Metadata } from "next";
import type { Messages } from "next-intl";
import { getTranslations } from "next-intl/server";

/** A page's generateMetadata whose title is one of the catalogue's page titles ("Titles.join"). */
export function titled(key: `Titles.${keyof Messages["Titles"]}`, extra: Metadata = {}) {
  return async (): Promise<Metadata> => ({ ...extra, title: (await getTranslations())(key) });
}
