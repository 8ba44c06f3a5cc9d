/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import type { AppLocale } from "@/lib/i18n/locales";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { Client, createRoom, deck, hostClient, joinAsGuest } from "./rooms-support";

// A refusal the browser receives from the API is in the reader's language: the one they chose
// (the reelmatch-locale cookie), else their browser's Accept-Language, else English. Messages
// are the "ApiErrors" catalogue's, with their values; the server's log stays English.

let env: PlexApp;
let host: Client;
let code: string;

const catalogue = (locale: AppLocale) => JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${locale}.json`), "utf8"));
const expected = (locale: AppLocale, key: string, values?: Record<string, string | number>) =>
  createTranslator({ locale, messages: catalogue(locale), namespace: "ApiErrors" })(key as never, values as never);

/** The same request as `client`, read in a language (a header, or the picker's cookie). */
async function askIn(client: Client, language: { header?: string; cookie?: string }, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { ...(body === undefined ? {} : { "Content-Type": "application/json" }) };
  if (language.header) headers["Accept-Language"] = language.header;
  const cookies = [client.header(), language.cookie ? `reelmatch-locale=${language.cookie}` : ""].filter(Boolean).join("; ");
  if (cookies) headers.cookie = cookies;
  const res = await fetch(env.app.url + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 40 } });
  host = await hostClient(env);
  ({ code } = await createRoom(host));
});
afterAll(async () => {
  await env?.stop();
});

describe("refusals in the reader's language", () => {
  it("a room that does not exist: Swedish from Accept-Language, English without one", async () => {
    const sv = await askIn(new Client(env.app.url), { header: "sv-SE,sv;q=0.9,en;q=0.5" }, "GET", "/api/rooms/ZZZZZZZZ");
    expect(sv.status).toBe(404);
    expect(sv.body.error).toEqual({ code: "not_found", message: expected("sv", "noRoom") });
    const en = await askIn(new Client(env.app.url), {}, "GET", "/api/rooms/ZZZZZZZZ");
    expect(en.body.error.message).toBe("There is no room with this code. Check the code and try again.");
    expect(expected("sv", "noRoom")).not.toBe(en.body.error.message);
  });

  it("a name already taken: German with the name in it; the picker's French wins over the browser's German", async () => {
    await joinAsGuest(env, code, "Gus");
    const de = await askIn(new Client(env.app.url), { header: "de-DE" }, "POST", `/api/rooms/${code}/participants`, { name: "Gus" });
    expect(de.status).toBe(409);
    expect(de.body.error.message).toBe(expected("de", "nameTaken", { name: "Gus" }));
    expect(de.body.error.message).toContain("Gus");
    const fr = await askIn(new Client(env.app.url), { header: "de-DE", cookie: "fr" }, "POST", `/api/rooms/${code}/participants`, { name: "Gus" });
    expect(fr.body.error.message).toBe(expected("fr", "nameTaken", { name: "Gus" }));
  });

  it("a swipe of a card that is not the person's next: Polish; the same swipe in English says it in English", async () => {
    const cards = await deck(host, code, 0, 12);
    const far = cards[5].ratingKey as string;
    const pl = await askIn(host, { header: "pl" }, "POST", `/api/rooms/${code}/swipes`, { ratingKey: far, liked: true });
    expect(pl.status).toBe(409);
    expect(pl.body.error).toEqual({ code: "conflict", message: expected("pl", "notYourNextCard") });
    const en = await host.call("POST", `/api/rooms/${code}/swipes`, { ratingKey: far, liked: true });
    expect(en.body.error.message).toBe(expected("en", "notYourNextCard"));
  });

  it("the Plex server refusing connections: a guest reading Italian is told in Italian, an English reader what exactly failed", async () => {
    const guest = await joinAsGuest(env, code, "Ida");
    await env.fake.setFault("pms", { refuse: true });
    try {
      // far along the deck: cards not dealt yet, so the app must ask Plex
      const it = await askIn(guest, { header: "it-IT" }, "GET", `/api/rooms/${code}/deck?from=30&count=8`);
      expect(it.status).toBe(502);
      expect(it.body.error).toEqual({ code: "plex_unreachable", message: expected("it", "plexTrouble") });
      const en = await askIn(guest, {}, "GET", `/api/rooms/${code}/deck?from=30&count=8`);
      expect(en.body.error.message).toMatch(/^The Plex server .*Check that it is running and reachable, then try again\.$/);
    } finally {
      await env.fake.clearFaults();
    }
  });

  it("a wrong PIN, then a wait written out in the language (Brazilian Portuguese: too many wrong PINs)", async () => {
    const { body } = await host.call("GET", "/api/me/profiles");
    const kit = body.profiles.find((p: any) => p.name === "Kit");
    const first = await askIn(host, { header: "pt-BR" }, "POST", "/api/me/profiles", { uuid: kit.uuid, pin: "0000" });
    expect(first.status).toBe(403);
    expect(first.body.error).toEqual({ code: "forbidden", message: expected("pt-BR", "pinWrong"), pinRequired: true });
    let last = first;
    // Wrong PINs until the lockout answers (each attempt is one request; the budget is small).
    for (let i = 0; i < 20 && last.status !== 429; i++) last = await askIn(host, { header: "pt-BR" }, "POST", "/api/me/profiles", { uuid: kit.uuid, pin: "0000" });
    expect(last.status).toBe(429);
    const count = Number(last.body.error.message.match(/\d+/)?.[0]);
    const inPortuguese = createTranslator({ locale: "pt-BR", messages: catalogue("pt-BR") });
    const said = ["second", "minute"].map((unit) => expected("pt-BR", "tooManyWrongPins", { name: "Kit", wait: inPortuguese("Common.wait" as never, { unit, count } as never) }));
    expect(said).toContain(last.body.error.message);
  });
});
