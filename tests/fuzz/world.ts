import { ALL_ACCOUNTS } from "../fake-plex/fixtures";
import type { LibraryItem } from "../fake-plex/library";
import { execSql, openStateSnapshotter, querySql, restoreRows, type StateSnapshotter } from "../helpers/db-dump";
import { startApp } from "../helpers/app";
import { plexEnv, startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { Client, createRoom, hostClient, joinAsGuest } from "../integration/rooms-support";

/** Who sends a fuzzed request. */
export const PERSONAS = ["anonymous", "guest", "member", "restricted"] as const;
export type PersonaName = (typeof PERSONAS)[number];

/** What the generators draw route parameters from: real values of this world, and near misses. */
export interface KnownValues {
  /** the room every persona but the anonymous one is in */
  code: string;
  /** a room none of the personas is in */
  otherCode: string;
  /** films: one a child may see, one it may not, a documentary, a home video, a TV show */
  ratingKeys: string[];
  /** user ids of the app (for the admin routes) */
  userIds: string[];
  /** Home profile uuids (for the profile switch) */
  profileUuids: string[];
}

/**
 * One app against fresh fake Plex servers, with a room opened by the owner (Olivia) that a guest,
 * a Plex member (Frank) and a restricted Home profile (Kit, switched to with her PIN) have joined.
 * Fuzzed requests are sent with these personas' cookies; `repair()` puts a persona back after a
 * fuzzed request that succeeded changed it (left the room, switched profile, signed out).
 */
export class FuzzWorld {
  readonly personas = new Map<PersonaName, Client>();
  known!: KnownValues;
  /** Strings no refusal may show: every library title and every token of the fake Plex servers. */
  forbidden: string[] = [];
  state!: StateSnapshotter;
  /** the personas' session rows as they were made (put back when a fuzzed call signed one out) */
  private sessions: Record<string, unknown>[] = [];
  private constructor(readonly env: PlexApp) {}

  static async start(): Promise<FuzzWorld> {
    const env = await startAppWithPlex({ fake: { films: 120 } });
    const world = new FuzzWorld(env);
    try {
      await world.setUp();
    } catch (error) {
      await env.stop();
      throw error;
    }
    return world;
  }

  get url(): string {
    return this.env.app.url;
  }

  private async setUp(): Promise<void> {
    const { library } = this.env.fake;
    const olivia = await hostClient(this.env);
    const room = await createRoom(olivia);
    const other = await createRoom(olivia, { guestsAllowed: false });
    this.personas.set("anonymous", new Client(this.url));
    this.personas.set("guest", await joinAsGuest(this.env, room.code, "Gus"));
    this.personas.set("member", await this.memberClient(room.code));
    this.personas.set("restricted", await this.restrictedClient(room.code));
    const kidMay = allowedRatings("little_kid");
    const films = library.films;
    const pick = (items: LibraryItem[], ok: (f: LibraryItem) => boolean) => items.find(ok)?.ratingKey ?? "1";
    const users = (await olivia.call("GET", "/api/admin/users")).body.users as { id: string }[];
    const profiles = (await olivia.call("GET", "/api/me/profiles")).body.profiles as { uuid: string }[];
    this.known = {
      code: room.code,
      otherCode: other.code,
      ratingKeys: [
        pick(films, (f) => kidMay.has(f.contentRating)),
        pick(films, (f) => !kidMay.has(f.contentRating)),
        pick(library.documentaries, () => true),
        pick(library.homeVideos, () => true),
        pick(library.shows, () => true),
      ],
      userIds: users.map((u) => u.id),
      profileUuids: profiles.map((p) => p.uuid),
    };
    const titles = library.sections.flatMap((s) => s.items.map((i) => i.title));
    const tokens = ALL_ACCOUNTS.flatMap((a) => [a.token, a.serverToken ?? ""]).filter((t) => t.length > 4);
    this.forbidden = [...titles, ...tokens];
    await this.saveSessions();
    this.state = await openStateSnapshotter(this.env.app.database);
  }

  private async saveSessions(): Promise<void> {
    this.sessions = await querySql(this.env.app.database, `SELECT * FROM "Session"`);
  }

  /** Whether a persona is signed in as itself; if not, its saved session row is put back and checked again. */
  private async signedInAs(persona: PersonaName, name: string): Promise<boolean> {
    const client = this.personas.get(persona)!;
    const isSelf = async () => (await client.call("GET", "/api/me")).body?.user?.name === name;
    if (await isSelf()) return true;
    await restoreRows(this.env.app.database, "Session", this.sessions);
    return isSelf();
  }

  private async memberClient(code: string): Promise<Client> {
    const frank = await hostClient(this.env, "frank");
    await this.join(frank, code);
    return frank;
  }

  /** Olivia signs in again and switches to Kit's profile (protected by a PIN), who joins the room. */
  private async restrictedClient(code: string): Promise<Client> {
    const client = await hostClient(this.env);
    const { body } = await client.call("GET", "/api/me/profiles");
    const kit = (body.profiles as { name: string; uuid: string }[]).find((p) => p.name === "Kit")!;
    const switched = await client.call("POST", "/api/me/profiles", { uuid: kit.uuid, pin: this.env.fake.fixtures.kid.homePin });
    if (switched.status !== 200) throw new Error(`switch to Kit: ${switched.status} ${JSON.stringify(switched.body)}`);
    await this.join(client, code);
    return client;
  }

  private async join(client: Client, code: string, body: Record<string, unknown> = {}): Promise<void> {
    const res = await client.call("POST", `/api/rooms/${code}/participants`, body);
    if (res.status >= 300) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /**
   * Puts every persona back as it was (in the room, signed in as itself) after a call that
   * succeeded. When a rate limit that fuzzing tripped refuses that, the app is restarted first.
   */
  async repair(): Promise<void> {
    try {
      await this.repairPersonas();
    } catch {
      await this.restartApp();
      await this.repairPersonas();
    }
  }

  private async repairPersonas(): Promise<void> {
    const { code } = this.known;
    const guest = this.personas.get("guest")!;
    if (!(await guest.call("GET", `/api/rooms/${code}`)).body?.joined) await this.join(guest, code, { name: "Gus" });
    for (const [persona, name] of [["member", "Frank"], ["restricted", "Kit"]] as const) {
      if (!(await this.signedInAs(persona, name))) {
        this.personas.set(persona, persona === "member" ? await this.memberClient(code) : await this.restrictedClient(code));
        await this.saveSessions();
      }
      const client = this.personas.get(persona)!;
      if (!(await client.call("GET", `/api/rooms/${code}`)).body?.joined) await this.join(client, code);
    }
  }

  /**
   * Stops the app and starts it again on the same port and database: sessions and rooms stay; the
   * rate limits (kept in the database, shared by instances and restarts) are emptied, so the
   * cases that follow reach the handlers again.
   */
  async restartApp(): Promise<void> {
    const { app, fake } = this.env;
    await app.stop();
    await execSql(app.database, `DELETE FROM "RateLimit"`);
    this.env.app = await startApp({
      database: app.database,
      port: app.port,
      env: plexEnv(fake),
    });
  }

  async stop(): Promise<void> {
    await this.state?.close();
    await this.env.app.stop(); // the one started last (env.stop() knows the first)
    await this.env.stop();
  }
}

