import { afterEach, describe, expect, it, vi } from "vitest";
import { SwipeSender, type SwipeSenderState } from "@/lib/swr/swipe-sender";

const ok = () => new Response(JSON.stringify({ duplicate: false }), { status: 200, headers: { "Content-Type": "application/json" } });
const answer = (status: number, message: string) => new Response(JSON.stringify({ error: { message } }), { status, headers: { "Content-Type": "application/json" } });

function until(sender: SwipeSender, check: (s: SwipeSenderState) => boolean): Promise<SwipeSenderState> {
  return new Promise((resolve) => {
    if (check(sender.getState())) return resolve(sender.getState());
    const stop = sender.subscribe((s) => {
      if (check(s)) {
        stop();
        resolve(s);
      }
    });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("SwipeSender", () => {
  it("sends in order, keeps swipes through a lost connection and sends them again", async () => {
    const sent: string[] = [];
    let online = false;
    vi.stubGlobal("fetch", vi.fn((_url: string, init: RequestInit) => {
      if (!online) return Promise.reject(new TypeError("Failed to fetch"));
      sent.push((JSON.parse(init.body as string) as { ratingKey: string }).ratingKey);
      return Promise.resolve(ok());
    }));
    const sender = new SwipeSender("ROOM");
    sender.enqueue({ ratingKey: "1", liked: true });
    sender.enqueue({ ratingKey: "2", liked: false });
    const down = await until(sender, (s) => s.offline);
    expect(down).toMatchObject({ pending: 2, reason: "No connection." });
    // Not sent yet: an undo takes the newest back without the server.
    expect(sender.takeBackLast()).toEqual({ ratingKey: "2", liked: false });
    sender.enqueue({ ratingKey: "3", liked: true });
    online = true;
    sender.retryNow();
    await until(sender, (s) => s.pending === 0 && !s.offline);
    expect(sent).toEqual(["1", "3"]);
    sender.close();
  });

  it("drops a refused swipe and those after it, and says why", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(answer(409, "This is not your next card."))));
    const sender = new SwipeSender("ROOM");
    sender.enqueue({ ratingKey: "1", liked: true });
    sender.enqueue({ ratingKey: "2", liked: true });
    const state = await until(sender, (s) => s.refused !== null);
    expect(state).toMatchObject({ pending: 0, offline: false, refused: { swipe: { ratingKey: "1" }, message: "This is not your next card." } });
    await sender.settled();
    sender.close();
  });
});
