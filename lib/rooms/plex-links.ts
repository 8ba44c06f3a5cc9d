/**
 * "Open in Plex" links for a film: the Plex web app (works anywhere signed in to Plex) and the
 * plex:// link the Plex apps on phones and TVs register.
 */
export function buildPlexLinks(options: { machineIdentifier: string; ratingKey: string }): { web: string; app: string } {
  const key = encodeURIComponent(`/library/metadata/${options.ratingKey}`);
  const server = encodeURIComponent(options.machineIdentifier);
  return {
    web: `https://app.plex.tv/desktop/#!/server/${server}/details?key=${key}`,
    app: `plex://preplay/?metadataKey=${key}&server=${server}`,
  };
}
