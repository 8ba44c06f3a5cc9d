import { z } from "zod";

/** zod schemas for the parts of plex.tv and Plex Media Server responses Reelmatch reads. */

const id = z.union([z.number(), z.string()]).transform(String);
const maybeString = z.string().nullish().transform((v) => v ?? undefined);

export const pinSchema = z.object({
  id: z.number(),
  code: z.string(),
  expiresIn: z.number().optional(),
  expiresAt: z.string().optional(),
  authToken: z.string().nullish(),
});
export type Pin = z.infer<typeof pinSchema>;

export const plexUserSchema = z.object({
  id: id,
  uuid: maybeString,
  username: maybeString,
  title: maybeString,
  friendlyName: maybeString,
  email: maybeString,
  thumb: maybeString,
  authToken: maybeString,
  restricted: z.boolean().optional().default(false),
  restrictionProfile: maybeString,
  home: z.boolean().optional(),
  homeAdmin: z.boolean().optional(),
  protected: z.boolean().optional(),
});
export type PlexUser = z.infer<typeof plexUserSchema>;

/** An optional flag that plex.tv may also send as null (read as absent). */
const maybeBoolean = z.boolean().nullish().transform((v) => v ?? undefined);
const flag = z.boolean().nullish().transform((v) => v ?? false);

export const connectionSchema = z.object({
  protocol: maybeString,
  address: maybeString,
  port: z.number().nullish().transform((v) => v ?? undefined),
  uri: z.string(),
  local: flag,
  relay: flag,
});
export type PlexConnection = z.infer<typeof connectionSchema>;

export const resourceSchema = z.object({
  name: z.string(),
  product: maybeString,
  provides: z.string().nullish().transform((v) => v ?? ""),
  clientIdentifier: z.string(),
  accessToken: maybeString,
  owned: flag,
  ownerId: id.nullish(),
  sourceTitle: maybeString,
  httpsRequired: maybeBoolean,
  presence: maybeBoolean,
  // A connection Reelmatch cannot read is dropped, not the whole server.
  connections: z
    .array(z.unknown())
    .nullish()
    .transform((list) => (list ?? []).flatMap((c) => connectionSchema.safeParse(c).data ?? [])),
});
export type PlexResource = z.infer<typeof resourceSchema>;

/** The list as plex.tv sends it; each device is read on its own by readableResources. */
export const resourceListSchema = z.array(z.unknown());

/**
 * The devices of a resource list that Reelmatch can read. A device with a field it cannot read
 * (a null where a name should be, say) is left out rather than failing the whole list: the server
 * a person signs in for may be another entry.
 */
export function readableResources(list: unknown[]): PlexResource[] {
  return list.flatMap((device) => resourceSchema.safeParse(device).data ?? []);
}

export const homeUserSchema = z.object({
  id: id,
  uuid: z.string(),
  title: z.string(),
  username: maybeString,
  thumb: maybeString,
  restricted: z.boolean().optional().default(false),
  restrictionProfile: maybeString,
  admin: z.boolean().optional().default(false),
  guest: z.boolean().optional().default(false),
  protected: z.boolean().optional().default(false),
});
export type HomeUser = z.infer<typeof homeUserSchema>;
export const homeUsersSchema = z.object({ users: z.array(homeUserSchema).default([]) });

// ---- Plex Media Server ----

export const identitySchema = z.object({
  MediaContainer: z.object({ machineIdentifier: z.string(), version: z.string().optional() }),
});

export const sectionSchema = z.object({
  key: id,
  type: z.string(),
  title: z.string(),
  agent: z.string().optional(),
});
export type LibrarySection = z.infer<typeof sectionSchema>;
export const sectionsSchema = z.object({
  MediaContainer: z.object({ Directory: z.array(sectionSchema).optional().default([]) }),
});

const tag = z.object({ tag: z.string(), id: id.optional() });
const hexColor = z.string().regex(/^#?[0-9a-fA-F]{6}$/).transform((v) => `#${v.replace("#", "").toLowerCase()}`);

export const movieSchema = z.object({
  ratingKey: id,
  key: z.string().optional(),
  /** `plex://movie/{id}` for films Plex's agent matched; `local://...` for the rest (PLEX_API.md 7.6). */
  guid: maybeString,
  type: z.string().optional(),
  title: z.string(),
  /** Present when it differs from the title (leading articles removed). */
  titleSort: maybeString,
  year: z.number().optional(),
  duration: z.number().optional(),
  contentRating: maybeString,
  rating: z.number().optional(),
  audienceRating: z.number().optional(),
  summary: maybeString,
  tagline: maybeString,
  thumb: maybeString,
  art: maybeString,
  /** The poster's corner colours (hex without "#"); newer servers send them, a bad value is ignored. */
  UltraBlurColors: z
    .object({ topLeft: hexColor, topRight: hexColor, bottomRight: hexColor, bottomLeft: hexColor })
    .optional()
    .catch(undefined),
  addedAt: z.number().optional(),
  viewCount: z.number().optional(),
  librarySectionID: id.optional(),
  Genre: z.array(tag).optional().default([]),
  Director: z.array(tag).optional().default([]),
  Role: z.array(tag.extend({ role: maybeString })).optional().default([]),
  Label: z.array(tag).optional().default([]),
});
export type PlexMovie = z.infer<typeof movieSchema>;

export const moviePageSchema = z.object({
  MediaContainer: z.object({
    size: z.number().optional(),
    totalSize: z.number().optional(),
    offset: z.number().optional(),
    Metadata: z.array(movieSchema).optional().default([]),
  }),
});

export const directoryValuesSchema = z.object({
  MediaContainer: z.object({
    Directory: z.array(z.object({ key: id, title: z.string() })).optional().default([]),
  }),
});
