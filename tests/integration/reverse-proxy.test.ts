import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakePlex, type FakePlex } from "../fake-plex";
import { startApp, type RunningApp } from "../helpers/app";
import { nginxMainConfig, startNginx, type Balancer } from "../helpers/balancer";
import { integrationDatabaseKind } from "../helpers/database";
import { plexEnv } from "../helpers/plex-app";
import { freePort } from "../helpers/ports";
import { authPageParams, startPlexSignIn } from "../helpers/sign-in";
import { playRoom } from "./play-room";

/**
 * One build behind nginx with TLS (docs/reverse-proxy/nginx.conf, run as written with the addresses
 * and a self-signed certificate swapped in): one instance at /reelmatch/ (BASE_PATH, set when it
 * starts) and one at the root. The whole flow through each; cookies are Secure and scoped to the
 * sub-path, HSTS is sent, assets, redirects, the manifest and Plex's return address carry the
 * sub-path. Nothing here depends on the database: it runs in the SQLite suite only.
 */
const onSqlite = integrationDatabaseKind() === "sqlite";
if (!onSqlite) console.warn("\n*** SKIPPED tests/integration/reverse-proxy.test.ts on PostgreSQL: it runs once, in the SQLite suite (nothing in it depends on the database). ***\n");

// The test's certificate is self-signed: this worker process accepts it.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

const root = path.resolve(__dirname, "../..");
let fake: FakePlex;
let nginx: Balancer;
let atSubPath: RunningApp;
let atRoot: RunningApp;
let origin: string;
let httpPort: number;
let certDir: string;

/** docs/reverse-proxy/nginx.conf with this machine's addresses, plus the same location at / for the root instance. */
function proxyConfig(dir: string, opts: { tlsPort: number; httpPort: number; subPathPort: number; rootPort: number }): string {
  const doc = readFileSync(path.join(root, "docs/reverse-proxy/nginx.conf"), "utf8");
  const location = /  location \/reelmatch \{[\s\S]*?\n  \}\n/.exec(doc)![0];
  const swap = (text: string, from: string, to: string) => {
    expect(text, `docs/reverse-proxy/nginx.conf no longer holds ${JSON.stringify(from)}: update this test`).toContain(from);
    return text.replace(from, to);
  };
  let conf = doc;
  conf = swap(conf, "server 127.0.0.1:3000;", `server 127.0.0.1:${opts.subPathPort};`);
  conf = swap(conf, "listen 443 ssl http2;", `listen 127.0.0.1:${opts.tlsPort} ssl http2;`);
  conf = swap(conf, "listen 80;", `listen 127.0.0.1:${opts.httpPort};`);
  conf = swap(conf, "/etc/ssl/certs/reelmatch.example.com.pem", path.join(certDir, "cert.pem"));
  conf = swap(conf, "/etc/ssl/private/reelmatch.example.com.key", path.join(certDir, "key.pem"));
  const rootLocation = location.replace("location /reelmatch {", "location / {").replace("proxy_pass http://reelmatch;", `proxy_pass http://127.0.0.1:${opts.rootPort};`);
  conf = swap(conf, location, `${location}\n${rootLocation}`);
  return nginxMainConfig(dir, conf);
}

describe.skipIf(!onSqlite)("behind nginx with TLS, at a sub-path and at the root, from one build", () => {
  beforeAll(async () => {
    certDir = mkdtempSync(path.join(os.tmpdir(), "reelmatch-cert-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", path.join(certDir, "key.pem"), "-out", path.join(certDir, "cert.pem")], { stdio: "ignore" });
    fake = await startFakePlex({ quiet: true });
    const tlsPort = await freePort();
    httpPort = await freePort();
    origin = `https://127.0.0.1:${tlsPort}`;
    [atSubPath, atRoot] = await Promise.all([
      startApp({ env: { ...plexEnv(fake), BASE_PATH: "/reelmatch", APP_URL: `${origin}/reelmatch`, TRUST_PROXY: "1" } }),
      startApp({ env: { ...plexEnv(fake), APP_URL: origin, TRUST_PROXY: "1" } }),
    ]);
    nginx = await startNginx({ port: tlsPort, config: (dir) => proxyConfig(dir, { tlsPort, httpPort, subPathPort: atSubPath.port, rootPort: atRoot.port }) });
  }, 120_000);
  afterAll(async () => {
    await nginx?.stop();
    for (const app of [atSubPath, atRoot]) {
      await app?.stop();
      await app?.database.drop();
    }
    await fake?.close();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  for (const where of [
    { name: "/reelmatch/", basePath: "/reelmatch" },
    { name: "/", basePath: "" },
  ]) {
    describe(`at ${where.name}`, () => {
      const appUrl = () => `${origin}${where.basePath}`;

      it("sign-in, a room and a match through the proxy; cookies are Secure and scoped to the app's path; pages send HSTS", async () => {
        const started = await startPlexSignIn(appUrl());
        expect(authPageParams(started.plexAuthUrl).get("forwardUrl")).toBe(`${appUrl()}/api/plex/return`);
        const played = await playRoom(appUrl(), fake);
        expect(played.signIn.finalLocation).toBe(where.basePath || "/");
        expect(played.match.data.card.poster ?? "").toMatch(where.basePath ? /^\/reelmatch\/api\/posters\// : /^(\/api\/posters\/|$)/);
        const lines = played.signIn.jar.received;
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          expect(line, line).toMatch(/;\s*Secure/i);
          expect(line, line).toMatch(new RegExp(`;\\s*Path=${where.basePath || "/"}(;|$|/)`, "i"));
        }
        expect(played.signIn.jar.get("__Secure-next-auth.session-token")).toBeTruthy();
        const page = await played.host.raw(`/r/${played.code}`);
        expect(page.status).toBe(200);
        expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
        const guest = await played.host.raw(`/api/rooms/${played.code}`);
        expect(guest.status).toBe(200);
      });

      it("pages load their assets, redirects and the manifest stay under the path", async () => {
        const home = await fetch(`${appUrl()}/`);
        expect(home.status).toBe(200);
        const html = await home.text();
        const assets = [...html.matchAll(/(?:src|href)="([^"]*\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
        expect(assets.length).toBeGreaterThan(0);
        for (const asset of assets) expect(asset.startsWith(`${where.basePath}/_next/static/`), asset).toBe(true);
        const first = await fetch(new URL(assets[0]!, origin));
        expect(first.status).toBe(200);
        expect(html).toContain(`href="${where.basePath}/manifest.webmanifest"`);
        const manifest = await (await fetch(`${appUrl()}/manifest.webmanifest`)).json();
        expect(manifest.start_url).toBe(`${where.basePath}/`);
        expect(manifest.scope).toBe(`${where.basePath}/`);
        expect(manifest.icons.length).toBeGreaterThan(0);
        for (const icon of manifest.icons as { src: string }[]) {
          expect(icon.src.startsWith(`${where.basePath}/`), icon.src).toBe(true);
          expect((await fetch(new URL(icon.src, origin))).status, icon.src).toBe(200);
        }
        // Signed out, a page that needs a session sends the browser to the sign-in page under the path.
        const guarded = await fetch(`${appUrl()}/rooms/new`, { redirect: "manual" });
        expect([303, 307, 308]).toContain(guarded.status);
        expect(new URL(guarded.headers.get("location")!, origin).pathname).toBe(`${where.basePath}/signin`);
      });
    });
  }

  it("the sub-path instance answers nothing outside its path; plain HTTP is sent to HTTPS", async () => {
    const outside = await fetch(`http://127.0.0.1:${atSubPath.port}/api/health`);
    expect(outside.status).toBe(404);
    const plain = await fetch(`http://127.0.0.1:${httpPort}/reelmatch/`, { redirect: "manual" });
    expect(plain.status).toBe(301);
    expect(plain.headers.get("location")).toMatch(/^https:\/\/127\.0\.0\.1\/reelmatch\/$/);
  });
});
