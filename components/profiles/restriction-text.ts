import { useTranslations } from "next-intl";

/** A Plex restriction preset as a short label ("little kid"); an unknown preset as Plex names it. */
export function useRestrictionLabel(profile: string | null): string | null {
  const t = useTranslations("Profiles");
  if (!profile) return null;
  const labels: Record<string, string> = { little_kid: t("labelLittleKid"), older_kid: t("labelOlderKid"), teen: t("labelTeen") };
  return labels[profile] ?? profile.replace("_", " ");
}

/** Why a restricted Plex profile misses films, in words a parent understands. */
export function useRestrictionText(p: { restricted: boolean; restrictionProfile: string | null }): string | null {
  const t = useTranslations("Profiles");
  const texts: Record<string, string> = { little_kid: t("whyLittleKid"), older_kid: t("whyOlderKid"), teen: t("whyTeen") };
  if (p.restrictionProfile) return texts[p.restrictionProfile] ?? p.restrictionProfile;
  return p.restricted ? t("whyCustom") : null;
}
