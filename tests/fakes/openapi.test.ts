/**
 * Validates the fakes' JSON responses against the community OpenAPI spec
 * (shared/plex-reference/openapi/plex-api-spec.yaml) for every endpoint of ours that it covers.
 * Where the spec disagrees with the real behaviour documented in PLEX_API.md, the fake follows
 * PLEX_API.md and the divergence is allowed explicitly in DIVERGENCES below.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { FakePlex } from "../fake-plex";
import { call, start } from "./helpers";

const SPEC_PATH = path.resolve(__dirname, "../../../shared/plex-reference/openapi/plex-api-spec.yaml");

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

const spec = YAML.parse(readFileSync(SPEC_PATH, "utf8")) as Spec;

/** OpenAPI -> plain JSON Schema: refs into one registered document, `nullable`, annotations dropped. */
function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== "object") return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "example" || k === "examples" || k === "xml" || k === "externalDocs" || k === "discriminator" || k.startsWith("x-")) continue;
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/")) out.$ref = `spec${v}`;
    else out[k] = convert(v);
  }
  // OpenAPI 3.0 style `nullable: true`
  if (out.nullable === true) {
    delete out.nullable;
    const t = out.type;
    if (typeof t === "string") out.type = [t, "null"];
    else if (Array.isArray(t) && !t.includes("null")) out.type = [...t, "null"];
  }
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true });
addFormats(ajv);
for (const f of ["int32", "int64", "float", "double", "binary", "byte", "password"]) ajv.addFormat(f, true);
ajv.addSchema({ $id: "spec", components: convert(spec.components) });

function responseSchema(specPath: string, method: string, status: string): Json {
  const op = spec.paths[specPath]?.[method];
  if (!op) throw new Error(`spec has no ${method.toUpperCase()} ${specPath}`);
  let resp = op.responses[status] as { $ref?: string; content?: Record<string, { schema?: Json }> } | undefined;
  if (resp?.$ref) resp = spec.components.responses[resp.$ref.split("/").pop() ?? ""] as typeof resp;
  const schema = resp?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`spec has no JSON schema for ${method.toUpperCase()} ${specPath} ${status}`);
  return schema;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(specPath: string, method: string, status: string): ValidateFunction {
  const key = `${method} ${specPath} ${status}`;
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(convert(responseSchema(specPath, method, status)) as object);
    validators.set(key, v);
  }
  return v;
}

interface Divergence {
  /** spec operation, e.g. "get /library/sections/all" */
  op: string;
  /** matches ErrorObject.instancePath */
  instancePath: RegExp;
  keyword: string;
  why: string;
}

/**
 * Spec vs documented reality. Each entry is a place where the fake follows PLEX_API.md (or the
 * real captures in samples/) rather than the community spec.
 */
const DIVERGENCES: Divergence[] = [
  // Managed (restricted) Home users: samples/plextv-user-managed.json (shape of plex-api.rs's captured mock,
  // PLEX_API.md 4.1) has email "", mailingListStatus null and rememberExpiresAt null; the spec allows
  // only an email address, "active|unsubscribed|removed" and an integer.
  { op: "get /user", instancePath: /^\/email$/, keyword: "format", why: "managed users have an empty email" },
  { op: "get /user", instancePath: /^\/mailingListStatus$/, keyword: "enum", why: "managed users have mailingListStatus null" },
  { op: "get /user", instancePath: /^\/rememberExpiresAt$/, keyword: "type", why: "managed users have rememberExpiresAt null" },
  // PLEX_API.md 7.3 and samples/pms-library-sections.json: sections carry `hidden: 0|1` (an integer, as
  // real PMS JSON mixes 0/1 integers and booleans); the spec says boolean.
  { op: "get /library/sections/all", instancePath: /^\/MediaContainer\/Directory\/\d+\/hidden$/, keyword: "type", why: "hidden is 0/1" },
  // PLEX_API.md 7.6 and samples/pms-metadata-movie.json: Rating entries are {image, value, type}; the
  // spec reuses the generic Tag schema, which requires `tag`.
  { op: "get /library/metadata/{ids}", instancePath: /^\/MediaContainer\/Metadata\/\d+\/Rating\/\d+$/, keyword: "required", why: "Rating has no tag" },
  // GET /library/sections/{id} lists navigation entries ({key: "all", title: "All Movies"}, secondary
  // "By Genre" ...); the spec types them as Metadata, which requires addedAt and type. PLEX_API.md does
  // not document this endpoint; the fake returns the navigation shape real servers send.
  { op: "get /library/sections/{sectionId}", instancePath: /^\/MediaContainer\/Directory\/\d+$/, keyword: "required", why: "navigation entries are not metadata items" },
];

function unexplained(op: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .filter((e) => !DIVERGENCES.some((d) => d.op === op && d.keyword === e.keyword && d.instancePath.test(e.instancePath)))
    .map((e) => `${e.instancePath || "/"} ${e.keyword} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 120 });
});
afterAll(async () => {
  await plex.close();
});

interface Case {
  name: string;
  /** spec path (plex.tv paths are relative to https://plex.tv/api/v2) */
  specPath: string;
  method: "get" | "post";
  status: string;
  request: () => Promise<Response>;
}

const owner = () => plex.fixtures.owner;
const tokens = () => ({
  owner: plex.fixtures.owner.token,
  friend: plex.fixtures.friend.token,
  stranger: plex.fixtures.stranger.token,
  kid: plex.fixtures.kid.token,
});
const pmsTokens = () => ({
  owner: plex.fixtures.owner.serverToken ?? "",
  friend: plex.fixtures.friend.serverToken ?? "",
  kid: plex.fixtures.kid.serverToken ?? "",
});

const tv = (p: string, o: Parameters<typeof call>[2] = {}) => call(plex.plexTvUrl, `/api/v2${p}`, o);
const pms = (p: string, token: string) => call(plex.pmsUrl, p, { token, clientId: null });

const cases: Case[] = [
  ...(["owner", "friend", "stranger", "kid"] as const).map((who) => ({
    name: `plex.tv GET /user (${who})`,
    specPath: "/user",
    method: "get" as const,
    status: "200",
    request: () => tv("/user", { token: tokens()[who] }),
  })),
  { name: "plex.tv GET /user 401", specPath: "/user", method: "get", status: "401", request: () => tv("/user", { token: "bad" }) },
  { name: "plex.tv GET /user 400", specPath: "/user", method: "get", status: "400", request: () => tv("/user", { token: owner().token, clientId: null }) },
  {
    name: "plex.tv POST /users/signin (owner)",
    specPath: "/users/signin",
    method: "post",
    status: "201",
    request: () => tv("/users/signin", { method: "POST", form: { login: "olivia", password: "owner-password" } }),
  },
  {
    name: "plex.tv POST /users/signin (friend with 2FA)",
    specPath: "/users/signin",
    method: "post",
    status: "201",
    request: () => tv("/users/signin", { method: "POST", form: { login: "frank", password: "friend-password", verificationCode: "123456" } }),
  },
  {
    name: "plex.tv POST /users/signin 401",
    specPath: "/users/signin",
    method: "post",
    status: "401",
    request: () => tv("/users/signin", { method: "POST", form: { login: "olivia", password: "wrong" } }),
  },
  ...(["owner", "friend", "stranger", "kid"] as const).map((who) => ({
    name: `plex.tv GET /resources (${who})`,
    specPath: "/resources",
    method: "get" as const,
    status: "200",
    request: () => tv("/resources?includeHttps=1&includeRelay=1", { token: tokens()[who] }),
  })),
  { name: "PMS GET /identity", specPath: "/identity", method: "get", status: "200", request: () => call(plex.pmsUrl, "/identity", { clientId: null }) },
  { name: "PMS GET /", specPath: "/", method: "get", status: "200", request: () => pms("/", pmsTokens().owner) },
  // The spec only documents /library/sections/all (newer PMS); /library/sections returns the same list (PLEX_API.md 7.3).
  ...(["owner", "friend", "kid"] as const).map((who) => ({
    name: `PMS GET /library/sections (${who})`,
    specPath: "/library/sections/all",
    method: "get" as const,
    status: "200",
    request: () => pms("/library/sections", pmsTokens()[who]),
  })),
  ...(
    [
      ["owner", "/library/sections/1/all?X-Plex-Container-Start=0&X-Plex-Container-Size=50"],
      ["owner", "/library/sections/1/all?includeGuids=1&sort=rating:desc&X-Plex-Container-Size=20"],
      ["owner", "/library/sections/2/all"],
      ["owner", "/library/sections/3/all"],
      ["owner", "/library/sections/1/all?X-Plex-Container-Size=0"],
      ["friend", "/library/sections/1/all?unwatched=1&X-Plex-Container-Size=30"],
      ["kid", "/library/sections/1/all"],
    ] as const
  ).map(([who, p]) => ({
    name: `PMS GET ${p} (${who})`,
    specPath: "/library/sections/{sectionId}/all",
    method: "get" as const,
    status: "200",
    request: () => pms(p, pmsTokens()[who]),
  })),
  {
    name: "PMS GET /library/metadata/{id}",
    specPath: "/library/metadata/{ids}",
    method: "get",
    status: "200",
    request: () => pms(`/library/metadata/${plex.library.films[0]?.ratingKey}`, pmsTokens().owner),
  },
  {
    name: "PMS GET /library/metadata/{id,id,id}",
    specPath: "/library/metadata/{ids}",
    method: "get",
    status: "200",
    request: () => pms(`/library/metadata/${plex.library.films.slice(0, 3).map((f) => f.ratingKey).join(",")},${plex.library.shows[0]?.ratingKey}`, pmsTokens().owner),
  },
  { name: "PMS GET /library/sections/1", specPath: "/library/sections/{sectionId}", method: "get", status: "200", request: () => pms("/library/sections/1", pmsTokens().owner) },
  { name: "PMS GET /library/sections/1/filters", specPath: "/library/sections/{sectionId}/filters", method: "get", status: "200", request: () => pms("/library/sections/1/filters", pmsTokens().owner) },
  { name: "PMS GET /library/sections/1/sorts", specPath: "/library/sections/{sectionId}/sorts", method: "get", status: "200", request: () => pms("/library/sections/1/sorts", pmsTokens().owner) },
];

describe("fake responses match the community OpenAPI spec", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const res = await c.request();
      expect(String(res.status)).toBe(c.status);
      const body = (await res.json()) as unknown;
      const validate = validatorFor(c.specPath, c.method, c.status);
      validate(body);
      expect(unexplained(`${c.method} ${c.specPath}`, validate.errors)).toEqual([]);
    });
  }

  it("the validation bites: a broken body is reported", () => {
    const validate = validatorFor("/user", "get", "200");
    expect(validate({ id: "1001", uuid: 5 })).toBe(false);
    expect(unexplained("get /user", validate.errors).length).toBeGreaterThan(3);
    const resources = validatorFor("/resources", "get", "200");
    expect(resources([{ name: "x" }])).toBe(false);
  });

  it("serves images with a content type the spec lists", async () => {
    const f = plex.library.films[0];
    const thumb = `/library/metadata/${f?.ratingKey}/thumb/${f?.addedAt}`;
    const photoTypes = Object.keys((spec.paths["/photo/:/transcode"]?.get?.responses["200"] as { content: object }).content);
    for (const format of ["jpg", "png"]) {
      const res = await pms(`/photo/:/transcode?width=40&height=60&format=${format}&url=${encodeURIComponent(thumb)}`, pmsTokens().owner);
      expect(photoTypes).toContain(res.headers.get("content-type"));
    }
    const elementTypes = Object.keys((spec.paths["/library/metadata/{ids}/{element}/{timestamp}"]?.get?.responses["200"] as { content: object }).content);
    expect(elementTypes).toContain((await pms(thumb, pmsTokens().owner)).headers.get("content-type"));
  });
});
