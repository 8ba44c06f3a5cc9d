import fc from "fast-check";
import type { AppRoute } from "../helpers/routes";
import { PERSONAS, type KnownValues, type PersonaName } from "./world";

/** One generated request: who sends it, to which URL, with which headers, cookies and body. */
export interface FuzzCase {
  persona: PersonaName;
  method: string;
  /** route parameter values, not yet encoded (e.g. { code: "ZZZZZZZZ" }) */
  params: Record<string, string>;
  /** the query string, already encoded, without "?" ("" for none) */
  query: string;
  headers: Record<string, string>;
  cookies: {
    /** leave out the persona's own cookies */
    drop: boolean;
    /** change one character of each of the persona's cookie values */
    corrupt: boolean;
    /** take another persona's cookies as well (a guest cookie left in a profile's browser) */
    borrow: PersonaName | null;
    extra: [string, string][];
  };
  contentType: string | null;
  /** undefined: no body */
  body: string | undefined;
}

const PRINTABLE = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
/** Printable ASCII (what fetch lets through in a header value). */
const headerText = (maxLength = 40) => fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength });
const cookieText = (maxLength = 60) => fc.string({ unit: fc.constantFrom(...PRINTABLE.filter((c) => c !== ";" && c !== "," && c !== " ")), maxLength });

const ODD_STRINGS = ["", " ", "..", "%", "%00", "a/b", "<script>alert(1)</script>", "' OR 1=1 --", "null", "undefined", "[object Object]", "\u0000", "😀", "ǅ", "x".repeat(300), "../../etc/passwd"];
const oddString = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 }), fc.constantFrom(...ODD_STRINGS));

/** Path segment encoding that survives strings encodeURIComponent refuses (lone surrogates). */
export function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

function paramArbitrary(name: string, known: KnownValues): fc.Arbitrary<string> {
  const { code, otherCode } = known;
  switch (name) {
    case "code":
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(code, code.toLowerCase(), `${code.slice(0, 4)}-${code.slice(4)}`, otherCode, "ZZZZZZZZ") }, { weight: 2, arbitrary: oddString });
    case "ratingKey":
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known.ratingKeys, "0", "-1", "1e3", "99999999999999999999", "00100") }, { weight: 2, arbitrary: oddString });
    case "id":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known.userIds) }, { weight: 2, arbitrary: oddString });
    case "nextauth":
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("session", "csrf", "providers", "signin", "signout", "error", "callback/plex", "signin/plex", "callback/credentials", "_log", "verify-request") },
        { weight: 1, arbitrary: oddString },
      );
    default:
      return oddString;
  }
}

function queryArbitrary(known: KnownValues): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom("from", "count", "room", "dpr", "after", "state", "mode", "callbackUrl", "error", "server", "code", "name", "detail") },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const value = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        ...["0", "1", "-1", "2", "3", "48", "49", "1e3", "NaN", "Infinity", "99999999999", "1.5", "", "true", "pin", "password"],
        ...[known.code, known.otherCode, `/r/${known.code}`, "http://evil.example/", "//evil.example", "javascript:alert(1)"],
      ),
    },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 2, arbitrary: oddString },
  );
  const pairs = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((list) => {
    const params = new URLSearchParams();
    for (const [k, v] of list) params.append(k, v.replace(/[\uD800-\uDFFF]/g, "?"));
    return params.toString();
  });
  return fc.oneof({ weight: 8, arbitrary: pairs }, { weight: 1, arbitrary: fc.constantFrom("from=%E0%A4%A&count=%", "a=1&a=2&a=3", "%%%", "room=&room=", "from=1&from=2&count=9&count=99") });
}

/** Stands for the app's own origin in a generated Origin header (the app's port changes on restart). */
export const SAME_ORIGIN = "<same-origin>";

function headersArbitrary(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      {
        origin: fc.oneof({ weight: 12, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 1, arbitrary: fc.constantFrom("http://evil.example", "null", "http://localhost", "") }),
        "sec-fetch-site": fc.oneof({ weight: 12, arbitrary: fc.constant("same-origin") }, { weight: 1, arbitrary: fc.constantFrom("same-site", "cross-site", "none", "") }),
        accept: fc.constantFrom("application/json", "text/html", "*/*", "text/event-stream", "image/avif,image/webp"),
        "last-event-id": fc.oneof(fc.nat().map(String), headerText(12)),
        "if-none-match": headerText(30),
        range: fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=abc"),
        "x-forwarded-for": fc.oneof(fc.ipV4(), headerText(20)),
        "x-forwarded-host": fc.constantFrom("evil.example", "127.0.0.1"),
        "user-agent": headerText(200),
        "accept-language": headerText(30),
        "x-plex-token": headerText(20),
        authorization: fc.constantFrom("Bearer junk", "Basic Zm9vOmJhcg=="),
        "x-http-method-override": fc.constantFrom("DELETE", "PATCH"),
      },
      { requiredKeys: ["origin", "sec-fetch-site"] },
    )
    .map((headers) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (v) out[k] = v;
      return out;
    });
}

function cookiesArbitrary(known: KnownValues): fc.Arbitrary<FuzzCase["cookies"]> {
  const name = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        "next-auth.session-token",
        "__Secure-next-auth.session-token",
        `rm_room_${known.code}`,
        `rm_room_${known.otherCode}`,
        "reelmatch.signin",
        "next-auth.csrf-token",
        "next-auth.callback-url",
      ),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.-]{1,16}$/) },
  );
  return fc.record({
    drop: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    corrupt: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    borrow: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...PERSONAS) }),
    extra: fc.array(fc.tuple(name, cookieText()), { maxLength: 2 }),
  });
}

const BODY_KEYS = [
  "name",
  "sectionIds",
  "ratingKey",
  "liked",
  "uuid",
  "pin",
  "membersMayCreateRooms",
  "code",
  "serverId",
  "login",
  "password",
  "genresInclude",
  "genresExclude",
  "yearFrom",
  "yearTo",
  "maxAge",
  "unwatchedOnly",
  "maxMinutes",
  "minRating",
  "order",
  "matchRule",
  "matchThreshold",
  "guestsAllowed",
  "csrfToken",
  "callbackUrl",
  "__proto__",
  "constructor",
];

function bodyArbitrary(known: KnownValues): fc.Arbitrary<string | undefined> {
  const likely = fc.constantFrom<unknown>(
    ...[known.code, known.otherCode, "Gus", "", " ", "x".repeat(41), "1234", "0000", "12345", "shuffle", "topRated", "all", "atLeast"],
    ...known.ratingKeys,
    ...known.profileUuids,
    ...[["1"], ["2"], ["3"], ["4"], ["1", "4"], [], ["1", "1"], true, false, 0, -1, 2, 12, 18, 1990, 2099, 1e308, null],
  );
  const value = fc.oneof({ weight: 4, arbitrary: likely }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const shaped = fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...BODY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), value, { maxKeys: 5 });
  return fc.oneof(
    { weight: 8, arbitrary: shaped.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{"name":', "[", "null", '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}', `{"name":"${"x".repeat(70_000)}"}`, "\u0000", "{}"),
    },
  );
}

const CONTENT_TYPES = fc.oneof(
  { weight: 10, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x") },
  { weight: 1, arbitrary: fc.constant(null) },
);

const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Requests to one route (page or handler): its own methods mostly, now and then one it does not have. */
export function caseArbitrary(route: AppRoute, known: KnownValues): fc.Arbitrary<FuzzCase> {
  const paramNames = [...route.pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  const params = fc.record(Object.fromEntries(paramNames.map((n) => [n, paramArbitrary(n, known)])));
  const method = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  return fc
    .record({
      persona: fc.constantFrom(...PERSONAS),
      method,
      params,
      query: queryArbitrary(known),
      headers: headersArbitrary(),
      cookies: cookiesArbitrary(known),
      contentType: CONTENT_TYPES,
      body: bodyArbitrary(known),
    })
    .map((c) => (c.method === "GET" || c.method === "OPTIONS" ? { ...c, body: undefined } : c));
}
