import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { CLIENT_ID, call, errorCode, json, start } from "./helpers";

interface PinBody {
  id: number;
  code: string;
  product: string;
  trusted: boolean;
  qr: string;
  clientIdentifier: string;
  location: Record<string, unknown>;
  expiresIn: number;
  createdAt: string;
  expiresAt: string;
  authToken: string | null;
  newRegistration: boolean | null;
}

let plex: FakePlex;
beforeAll(async () => {
  plex = await start();
});
afterAll(async () => {
  await plex.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createPin(strong: boolean, clientId = CLIENT_ID): Promise<PinBody> {
  const res = await call(plex.plexTvUrl, `/api/v2/pins${strong ? "?strong=true" : ""}`, {
    method: "POST",
    clientId,
    headers: { "X-Plex-Product": "Reelmatch" },
  });
  expect(res.status).toBe(201);
  return json<PinBody>(res);
}

const poll = (id: number, clientId = CLIENT_ID) => call(plex.plexTvUrl, `/api/v2/pins/${id}`, { clientId });

describe("fake plex.tv: PINs", () => {
  it("creates strong PINs (25 lowercase alphanumerics, 1800 s) with the full field set", async () => {
    const pin = await createPin(true);
    expect(pin.code).toMatch(/^[a-z0-9]{25}$/);
    expect(pin.expiresIn).toBe(1800);
    expect(pin).toMatchObject({ product: "0", trusted: false, clientIdentifier: CLIENT_ID, authToken: null, newRegistration: null });
    expect(pin.qr).toBe(`https://plex.tv/api/v2/pins/qr/${pin.code}`);
    expect(Object.keys(pin.location)).toEqual(
      expect.arrayContaining(["code", "country", "city", "time_zone", "european_union_member", "continent_code", "coordinates"]),
    );
    expect(Date.parse(pin.expiresAt) - Date.parse(pin.createdAt)).toBe(1800_000);
    expect(pin.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("creates short 4-character PINs living 900 s", async () => {
    const pin = await createPin(false);
    expect(pin.code).toMatch(/^[A-Z0-9]{4}$/);
    expect(pin.expiresIn).toBe(900);
  });

  it("is pending, then authorised with the approving account's token", async () => {
    const pin = await createPin(true);
    const pending = await poll(pin.id);
    expect(pending.status).toBe(200);
    expect((await json<PinBody>(pending)).authToken).toBeNull();
    plex.approvePin({ pinId: pin.id, accountId: plex.fixtures.friend.id });
    const done = await json<PinBody>(await poll(pin.id));
    expect(done.authToken).toBe(plex.fixtures.friend.token);
    expect(done.newRegistration).toBe(false);
    expect(done.expiresIn).toBeLessThanOrEqual(1800);
  });

  it("answers 404/1020 to another client identifier, unknown ids and expired PINs", async () => {
    const pin = await createPin(true);
    const other = await poll(pin.id, "someone-else");
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ errors: [{ code: 1020, message: "Code not found or expired", status: 404 }] });
    const unknown = await poll(999);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe(1020);
    plex.expirePin(pin.id);
    const expired = await poll(pin.id);
    expect(expired.status).toBe(404);
    expect(await errorCode(expired)).toBe(1020);
    expect(() => plex.approvePin({ pinId: pin.id, accountId: plex.fixtures.owner.id })).toThrow();
  });

  it("rate-limits a PIN polled more than twice within one second (429/1003)", async () => {
    const pin = await createPin(true);
    expect((await poll(pin.id)).status).toBe(200);
    expect((await poll(pin.id)).status).toBe(200);
    const third = await poll(pin.id);
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({ errors: [{ code: 1003, message: "API rate limit exceeded", status: 429 }] });
    await sleep(1050);
    expect((await poll(pin.id)).status).toBe(200);
  });

  it("links a short PIN with PUT /pins/link and a user token, but not a strong one", async () => {
    const short = await createPin(false);
    const linked = await call(plex.plexTvUrl, "/api/v2/pins/link", {
      method: "PUT",
      token: plex.fixtures.owner.token,
      form: { code: short.code },
    });
    expect(linked.status).toBe(204);
    expect((await json<PinBody>(await poll(short.id))).authToken).toBe(plex.fixtures.owner.token);

    const strong = await createPin(true);
    const refused = await call(plex.plexTvUrl, "/api/v2/pins/link", { method: "PUT", token: plex.fixtures.owner.token, form: { code: strong.code } });
    expect(refused.status).toBe(404);
    const noToken = await call(plex.plexTvUrl, "/api/v2/pins/link", { method: "PUT", form: { code: short.code } });
    expect(noToken.status).toBe(401);
  });

  it("approves and expires through the control API", async () => {
    const pin = await createPin(true);
    const approve = await fetch(`${plex.controlUrl}/pins/approve`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: pin.code, accountId: plex.fixtures.owner.id }),
    });
    expect(approve.status).toBe(200);
    expect((await json<PinBody>(await poll(pin.id))).authToken).toBe(plex.fixtures.owner.token);
    const expire = await fetch(`${plex.controlUrl}/pins/expire`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pinId: pin.id }),
    });
    expect(expire.status).toBe(200);
    expect((await poll(pin.id)).status).toBe(404);
    const again = await fetch(`${plex.controlUrl}/pins/approve`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ pinId: pin.id, accountId: plex.fixtures.owner.id }),
    });
    expect(again.status).toBe(404);
  });

  it("renders PINs as XML by default", async () => {
    const res = await call(plex.plexTvUrl, "/api/v2/pins?strong=true", { method: "POST", json: false });
    expect(res.status).toBe(201);
    const xml = await res.text();
    expect(xml).toMatch(/<pin id="\d+" code="[a-z0-9]{25}"/);
    expect(xml).toContain("<location ");
  });
});

describe("fake Auth App page", () => {
  it("serves an HTML page with one button per account and a cancel button", async () => {
    const res = await fetch(`${plex.plexTvUrl}/auth`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    for (const id of ["approve-olivia", "approve-frank", "approve-sam", "cancel"]) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain("Sign in as Olivia (owner)");
    expect(html).toContain("Frank (friend)");
    expect(html).toContain("Sam (no access)");
    expect(html).toContain("location.hash");
    expect(html).toContain("/_fake/auth/approve");
    expect((await fetch(`${plex.plexTvUrl}/auth/`)).status).toBe(200);
  });

  it("approves the PIN through its endpoint, like clicking a button", async () => {
    const pin = await createPin(true);
    const info = await json(await fetch(`${plex.plexTvUrl}/_fake/auth/pin?code=${pin.code}&clientID=${CLIENT_ID}`));
    expect(info).toMatchObject({ ok: true, product: "Reelmatch" });
    const res = await fetch(`${plex.plexTvUrl}/_fake/auth/approve`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: pin.code, clientID: CLIENT_ID, username: "frank" }),
    });
    expect(res.status).toBe(200);
    expect((await json<PinBody>(await poll(pin.id))).authToken).toBe(plex.fixtures.friend.token);
  });

  it("reports unknown and expired codes", async () => {
    const unknown = await json(await fetch(`${plex.plexTvUrl}/_fake/auth/pin?code=nope&clientID=${CLIENT_ID}`));
    expect(unknown.ok).toBe(false);
    expect(String(unknown.message)).toMatch(/unknown or has expired/);
    const pin = await createPin(true);
    plex.expirePin(pin.id);
    const expired = await json(await fetch(`${plex.plexTvUrl}/_fake/auth/pin?code=${pin.code}&clientID=${CLIENT_ID}`));
    expect(expired.ok).toBe(false);
    const approve = await fetch(`${plex.plexTvUrl}/_fake/auth/approve`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: pin.code, clientID: CLIENT_ID, username: "olivia" }),
    });
    expect(approve.status).toBe(404);
  });
});
