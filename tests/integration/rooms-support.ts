/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { createDb, type Db } from "@/lib/db/client";
import type { PlexApp } from "../helpers/plex-app";
import { signInAs } from "../helpers/sign-in";

/** A person driving the API with fetch: their cookies are kept like a browser keeps them. */
export class Client {
  cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    cookieHeader = "",
  ) {
    for (const part of cookieHeader.split(";")) {
      const at = part.indexOf("=");
      if (at > 0) this.cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return res;
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.raw(path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  }
}

export async function hostClient(env: PlexApp, who: "olivia" | "frank" = "olivia"): Promise<Client> {
  return new Client(env.app.url, await signInAs(env.app.url, env.fake, who));
}

/** Olivia signs in and switches to one of her Home's profiles (Kit needs the PIN). */
export async function switchToProfile(env: PlexApp, name: "Kit" | "Tess"): Promise<Client> {
  const client = await hostClient(env);
  const { body } = await client.call("GET", "/api/me/profiles");
  const profile = body.profiles.find((p: any) => p.name === name);
  const res = await client.call("POST", "/api/me/profiles", { uuid: profile.uuid, ...(name === "Kit" ? { pin: env.fake.fixtures.kid.homePin } : {}) });
  if (res.status !== 200) throw new Error(`switch to ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  const me = await client.call("GET", "/api/me");
  if (me.body.user?.name !== name || !me.body.user?.restricted) throw new Error(`switch to ${name}: signed in as ${JSON.stringify(me.body.user)}`);
  return client;
}

export async function createRoom(host: Client, input: Record<string, unknown> = {}): Promise<{ code: string; deckSize: number }> {
  const res = await host.call("POST", "/api/rooms", { sectionIds: ["1"], ...input });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinAsGuest(env: PlexApp, code: string, name: string): Promise<Client> {
  const guest = new Client(env.app.url);
  const res = await guest.call("POST", `/api/rooms/${code}/participants`, { name });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${JSON.stringify(res.body)}`);
  return guest;
}

export async function deck(client: Client, code: string, from = 0, count = 12): Promise<any[]> {
  const res = await client.call("GET", `/api/rooms/${code}/deck?from=${from}&count=${count}`);
  if (res.status !== 200) throw new Error(`deck: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.cards;
}

export interface SseEvent {
  id: number;
  event: string;
  data: any;
}

/** An EventSource-like reader of the room stream, with Last-Event-ID. */
export function openEvents(client: Client, code: string, opts: { lastEventId?: number; after?: number } = {}) {
  const events: SseEvent[] = [];
  const controller = new AbortController();
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let status = 0;
  const ready = (async () => {
    const headers: Record<string, string> = { cookie: client.header() };
    if (opts.lastEventId !== undefined) headers["last-event-id"] = String(opts.lastEventId);
    const res = await fetch(`${client.baseUrl}/api/rooms/${code}/events${opts.after !== undefined ? `?after=${opts.after}` : ""}`, { headers, signal: controller.signal });
    status = res.status;
    return res;
  })();
  const done = ready
    .then(async (res) => {
      if (!res.body) return;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        let sep: number;
        while ((sep = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, sep);
          buffer = buffer.slice(sep + 2);
          const e: Partial<SseEvent> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) e.id = Number(line.slice(4));
            else if (line.startsWith("event: ")) e.event = line.slice(7);
            else if (line.startsWith("data: ")) e.data = JSON.parse(line.slice(6));
          }
          if (e.event) {
            events.push(e as SseEvent);
            for (const w of waiters.splice(0)) {
              if (w.pred(e as SseEvent)) w.resolve(e as SseEvent);
              else waiters.push(w);
            }
          }
        }
      }
    })
    .catch(() => undefined);
  return {
    events,
    /** Resolves when the server ends the stream (or it is closed here). */
    ended: done,
    status: async () => {
      await ready.catch(() => undefined);
      return status;
    },
    waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

/** Direct access to the app's database (to age a room, to look for rows). */
export function openDatabase(env: PlexApp): Db {
  return createDb(env.app.database.url);
}

/** Every card of a room's deck as this person sees it, walking it page by page (48 at a time). */
export async function walkWholeDeck(client: Client, code: string): Promise<any[]> {
  const cards: any[] = [];
  for (let from = 0; ; from += 48) {
    const res = await client.call("GET", `/api/rooms/${code}/deck?from=${from}&count=48`);
    if (res.status !== 200) throw new Error(`deck: ${res.status} ${JSON.stringify(res.body)}`);
    cards.push(...res.body.cards);
    if (from + 48 >= res.body.end) return cards;
  }
}

/** Olivia signs in and switches to one of her Home's restricted profiles (Kit needs the PIN). */
export async function profileClient(env: PlexApp, name: "Kit" | "Tess"): Promise<Client> {
  const client = await hostClient(env);
  const { body } = await client.call("GET", "/api/me/profiles");
  const profile = body.profiles.find((p: any) => p.name === name);
  const res = await client.call("POST", "/api/me/profiles", { uuid: profile.uuid, ...(name === "Kit" ? { pin: env.fake.fixtures.kid.homePin } : {}) });
  if (res.status !== 200) throw new Error(`switch to ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}
