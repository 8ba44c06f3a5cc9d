import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { call, json, start } from "./helpers";

/** PLEX_API.md 5.2 (removing a friend's share) and 7.9 (a token the PMS does not know gets 401). */
let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 10 });
});
afterAll(async () => {
  await plex.close();
});

const serverListed = async (token: string) =>
  (await json<{ clientIdentifier: string }[]>(await call(plex.plexTvUrl, "/api/v2/resources", { token }))).some((d) => d.clientIdentifier === plex.fixtures.server.machineIdentifier);

describe("the owner stops sharing the server", () => {
  it("takes the server out of that account's resources and the PMS refuses its server token; others keep theirs", async () => {
    const { friend, teen, owner } = plex.fixtures;
    expect(await serverListed(friend.token)).toBe(true);
    expect((await call(plex.pmsUrl, "/library/sections", { token: friend.serverToken! })).status).toBe(200);

    const res = await fetch(`${plex.controlUrl}/shares/remove`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ accountId: friend.id }) });
    expect(res.status).toBe(200);

    expect(await serverListed(friend.token)).toBe(false);
    const refused = await call(plex.pmsUrl, "/library/sections", { token: friend.serverToken! });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("401 Unauthorized");
    // the friend can still sign in to plex.tv; the teen and the owner are untouched
    expect((await call(plex.plexTvUrl, "/api/v2/user", { token: friend.token })).status).toBe(200);
    expect(await serverListed(teen.token)).toBe(true);
    expect(await serverListed(owner.token)).toBe(true);
    expect((await call(plex.pmsUrl, "/library/sections", { token: teen.serverToken! })).status).toBe(200);
    // the owner's own server cannot be unshared
    expect(() => plex.unshare(owner.id)).toThrow();
  });
});
