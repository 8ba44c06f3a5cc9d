import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** A browser's localStorage, kept across "reloads" (fresh module instances) of one test. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** The swipe API as the server behaves: idempotent, next card or one already swiped only. */
class FakeServer {
  stored = new Map<string, boolean>();
  requests: string[] = [];
  reachable = true;
  /** The next answer is lost after the server stored the swipe. */
  loseNextAnswer = false;
  refuse: string | null = null;
  /** How many of the next requests get a 503 (the database down for a moment). */
  unavailable = 0;
  handle = async (url: string, init: RequestInit): Promise<Response> => {
    await Promise.resolve(); // answers come later, as over a network
    if (!this.reachable) throw new TypeError("Failed to fetch");
    const { ratingKey, liked } = JSON.parse(init.body as string) as { ratingKey: string; liked: boolean };
    this.requests.push(ratingKey);
    if (this.unavailable > 0) {
      this.unavailable--;
      return Response.json({ error: { code: "unavailable", message: "The database cannot be reached right now." } }, { status: 503 });
    }
    if (ratingKey === this.refuse) return Response.json({ error: { code: "conflict", message: "Swipe your next card first." } }, { status: 409 });
    this.stored.set(`${url} ${ratingKey}`, liked);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError("network connection lost");
    }
    return Response.json({ recorded: true });
  };
}

let storage: MemoryStorage;
let server: FakeServer;

async function freshPage() {
  vi.resetModules();
  return import("@/lib/offline/swipe-queue");
}

beforeEach(() => {
  storage = new MemoryStorage();
  server = new FakeServer();
  vi.stubGlobal("window", { localStorage: storage, addEventListener: () => {}, removeEventListener: () => {} });
  vi.stubGlobal("navigator", { onLine: false });
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => server.handle(url, init));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const swipe = (ratingKey: string, position: number, code = "ROOMAAAA") => ({ code, ratingKey, liked: position % 2 === 0, position });

describe("the waiting swipes queue", () => {
  it("keeps swipes made offline across a reload and sends each once, in order, when back", async () => {
    server.reachable = false;
    const page = await freshPage();
    const outcomes = await Promise.all([page.submitSwipe(swipe("11", 0)), page.submitSwipe(swipe("12", 1)), page.submitSwipe(swipe("13", 2))]);
    expect(outcomes.map((o) => o.kind)).toEqual(["waiting", "waiting", "waiting"]);
    expect(server.stored.size).toBe(0);
    expect(page.sendingProblem()).toBe(page.NO_CONNECTION);

    const reloaded = await freshPage();
    expect(reloaded.waitingSwipes("ROOMAAAA").map((s) => s.ratingKey)).toEqual(["11", "12", "13"]);
    expect(reloaded.resumePosition("ROOMAAAA", 0)).toBe(3);
    server.reachable = true;
    await reloaded.sendWaitingSwipes();
    expect(server.requests).toEqual(["11", "12", "13"]);
    expect(reloaded.waitingSwipes()).toEqual([]);
    expect(reloaded.sendingProblem()).toBeNull();
    expect(reloaded.resumePosition("ROOMAAAA", 3)).toBe(3);
  });

  it("a 503 keeps the swipe waiting with the server's reason (not refused); it goes once the server is back", async () => {
    const page = await freshPage();
    server.unavailable = 2;
    expect((await page.submitSwipe(swipe("51", 0))).kind).toBe("waiting");
    expect(page.sendingProblem()).toBe("The database cannot be reached right now.");
    await page.sendWaitingSwipes();
    expect(page.waitingSwipes("ROOMAAAA").map((s) => s.ratingKey)).toEqual(["51"]);
    await page.sendWaitingSwipes();
    expect(server.requests).toEqual(["51", "51", "51"]);
    expect([...server.stored.keys()]).toEqual(["/api/rooms/ROOMAAAA/swipes 51"]);
    expect(page.waitingSwipes()).toEqual([]);
    expect(page.sendingProblem()).toBeNull();
  });

  it("sends a swipe again when its answer was lost; the server stores it once", async () => {
    const page = await freshPage();
    server.loseNextAnswer = true;
    expect((await page.submitSwipe(swipe("21", 0))).kind).toBe("waiting");
    await page.sendWaitingSwipes();
    expect(server.requests).toEqual(["21", "21"]);
    expect([...server.stored.keys()]).toEqual(["/api/rooms/ROOMAAAA/swipes 21"]);
    expect(page.waitingSwipes()).toEqual([]);
  });

  it("a refused swipe and the room's later ones are dropped and reported; other rooms' wait on", async () => {
    server.reachable = false;
    const page = await freshPage();
    await page.submitSwipe(swipe("31", 0));
    await page.submitSwipe(swipe("32", 1));
    await page.submitSwipe(swipe("33", 2));
    await page.submitSwipe(swipe("91", 0, "ROOMBBBB"));
    const refusals: unknown[] = [];
    page.onSwipeRefused("ROOMAAAA", (r) => refusals.push(r));
    server.reachable = true;
    server.refuse = "32";
    await page.sendWaitingSwipes();
    expect(refusals).toEqual([{ kind: "refused", message: "Swipe your next card first.", position: 1 }]);
    expect(server.requests).toEqual(["31", "32", "91"]);
    expect(page.waitingSwipes()).toEqual([]);
  });

  it("undo takes back the last waiting swipe before it is sent; a swipe made after it goes in order", async () => {
    server.reachable = false;
    const page = await freshPage();
    await page.submitSwipe(swipe("41", 0));
    await page.submitSwipe(swipe("42", 1));
    expect((await page.takeBackWaitingSwipe("ROOMAAAA"))?.ratingKey).toBe("42");
    void page.submitSwipe(swipe("43", 1));
    server.reachable = true;
    await page.sendWaitingSwipes();
    expect(server.requests).toEqual(["41", "43"]);
    expect(await page.takeBackWaitingSwipe("ROOMAAAA")).toBeUndefined();
  });

  it("undo of a swipe on its way waits for the server's answer, then leaves it to the server", async () => {
    const page = await freshPage();
    const sent = page.submitSwipe(swipe("44", 0));
    expect(await page.takeBackWaitingSwipe("ROOMAAAA")).toBeUndefined();
    expect((await sent).kind).toBe("sent");
    expect(server.requests).toEqual(["44"]);
    expect(await page.takeBackWaitingSwipe("ROOMAAAA")).toBeUndefined();
  });

  it("stored garbage is read as an empty queue", async () => {
    storage.setItem("reelmatch:waiting-swipes", JSON.stringify([{ code: 1 }]));
    const page = await freshPage();
    expect(page.waitingSwipes()).toEqual([]);
  });

  it("reads a stored queue field by field: one wrong entry empties it, unknown fields are dropped", async () => {
    const good = { id: "a", code: "ROOMAAAA", ratingKey: "44", liked: true, position: 0 };
    for (const bad of [{ ...good, position: -1 }, { ...good, position: 1.5 }, { ...good, liked: "yes" }, { ...good, id: "" }, null]) {
      storage.setItem("reelmatch:waiting-swipes", JSON.stringify([good, bad]));
      expect((await freshPage()).waitingSwipes(), JSON.stringify(bad)).toEqual([]);
    }
    storage.setItem("reelmatch:waiting-swipes", JSON.stringify([{ ...good, extra: 1 }]));
    expect((await freshPage()).waitingSwipes()).toEqual([good]);
  });
});
