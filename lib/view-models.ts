/**
 * Shapes the server hands to client components (no server-only imports here, so components may
 * use these types).
 */

/** A Plex Home profile one can switch to. */
export interface HomeProfile {
  uuid: string;
  name: string;
  image: string | null;
  admin: boolean;
  protected: boolean;
  restricted: boolean;
  restrictionProfile: string | null;
  current: boolean;
}

/** Someone who has signed in, as the admin page lists them. */
export interface Person {
  id: string;
  name: string;
  image: string | null;
  role: string;
  restrictionProfile: string | null;
  lastSeenAt: string | null;
  activeSessions: number;
}
