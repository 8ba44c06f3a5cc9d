import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const appDir = path.resolve(__dirname, "../../app");

export interface AppRoute {
  /** e.g. /api/rooms/[code]/swipes */
  pattern: string;
  kind: "page" | "api";
  methods: string[];
}

/** Every page and route handler under app/, found on disk (so new routes are walked too). */
export function listAppRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const isGroup = /^\(.*\)$/.test(entry.name);
        walk(full, isGroup ? segments : [...segments, entry.name]);
      } else if (entry.name === "page.tsx") {
        routes.push({ pattern: "/" + segments.join("/"), kind: "page", methods: ["GET"] });
      } else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
        for (const m of source.matchAll(/export \{([^}]*)\}/g)) for (const n of m[1]!.matchAll(/as (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(n[1]!);
        routes.push({ pattern: "/" + segments.join("/"), kind: "api", methods: [...methods] });
      }
    }
  };
  walk(appDir, []);
  return routes;
}

/** Concrete URLs for a pattern, filling [param] and [...catchAll] segments from `values`. */
export function expandRoute(pattern: string, values: Record<string, string[]>): string[] {
  let urls = [""];
  for (const seg of pattern.split("/").filter(Boolean)) {
    const m = /^\[(?:\.\.\.)?(\w+)\]$/.exec(seg);
    const options = m ? (values[m[1]!] ?? ["x"]) : [seg];
    urls = urls.flatMap((u) => options.map((o) => `${u}/${o}`));
  }
  return urls.length ? urls.map((u) => u || "/") : ["/"];
}
