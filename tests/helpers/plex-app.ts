import { startFakePlex, type FakePlex, type FakePlexOptions } from "../fake-plex";
import { startApp, type RunningApp, type StartAppOptions } from "./app";

export interface PlexApp {
  app: RunningApp;
  fake: FakePlex;
  stop(): Promise<void>;
}

/** The environment that points the app at the fake Plex servers (and at its server unless `unconfigured`). */
export function plexEnv(fake: FakePlex, opts: { unconfigured?: boolean } = {}): Record<string, string | undefined> {
  return {
    PLEX_TV_URL: fake.plexTvUrl,
    PLEX_APP_URL: fake.plexTvUrl,
    PLEX_DISCOVER_URL: fake.discoverUrl,
    PLEX_SERVER_ID: opts.unconfigured ? undefined : fake.fixtures.server.machineIdentifier,
    PLEX_TIMEOUT_MS: "3000",
  };
}

/** The real app pointed at fresh fake Plex servers (server configured by PLEX_SERVER_ID unless `unconfigured`). */
export async function startAppWithPlex(opts: StartAppOptions & { fake?: FakePlexOptions; unconfigured?: boolean } = {}): Promise<PlexApp> {
  const fake = await startFakePlex({ quiet: true, ...opts.fake });
  const app = await startApp({
    ...opts,
    env: { ...plexEnv(fake, opts), ...opts.env },
  });
  return {
    app,
    fake,
    stop: async () => {
      await app.stop();
      await app.database.drop();
      await fake.close();
    },
  };
}
