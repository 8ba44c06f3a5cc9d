/** Why a restricted Plex profile misses films, in words a parent understands. */
const RESTRICTION_TEXT: Record<string, string> = {
  little_kid: "Little kid: only films rated for young children (G, U, …)",
  older_kid: "Older kid: up to PG-rated films",
  teen: "Teen: up to PG-13 / 12A-rated films",
};

/** A Plex restriction preset as a short label ("little kid"). */
export function restrictionLabel(profile: string): string {
  return profile.replace("_", " ");
}

export function restrictionText(p: { restricted: boolean; restrictionProfile: string | null }): string | null {
  if (p.restrictionProfile) return RESTRICTION_TEXT[p.restrictionProfile] ?? p.restrictionProfile;
  return p.restricted ? "Custom restrictions set in Plex (ratings or labels)" : null;
}

