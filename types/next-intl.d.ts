// Typed translation keys: every t("key") is checked against the English catalogue.
import type en from "../messages/en.json";
import type { AppLocale } from "@/lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof en;
  }
}
