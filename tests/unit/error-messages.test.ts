import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** Every message a person can be shown by an AppError, as written in the code (literal start). */
function appErrorMessages(): { file: string; message: string; subject?: boolean }[] {
  const found: { file: string; message: string; subject?: boolean }[] = [];
  for (const file of [...sources("lib"), ...sources("app")]) {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/new AppError\(\s*"[a-z_]+",\s*(["`])((?:\\.|(?!\1).)*)\1/g)) found.push({ file, message: m[2]! });
    // notFound("This match") says "This match was not found."
    for (const m of text.matchAll(/\bnotFound\(\s*(["`])((?:\\.|(?!\1).)*)\1/g)) found.push({ file, message: m[2]!, subject: true });
  }
  // refusal(code, "key"): the "ApiErrors" catalogue, in every language.
  for (const file of readdirSync(path.join(root, "messages"))) {
    const catalogue = JSON.parse(readFileSync(path.join(root, "messages", file), "utf8")) as { ApiErrors: Record<string, string> };
    for (const [key, message] of Object.entries(catalogue.ApiErrors)) found.push({ file: `messages/${file} ApiErrors.${key}`, message });
  }
  return found;
}

describe("error messages", () => {
  const messages = appErrorMessages();
  it("are found in the code", () => {
    expect(messages.length).toBeGreaterThan(30);
  });
  it("start with a capital letter (or with a value that does) and end as a sentence", () => {
    for (const { file, message, subject } of messages) {
      expect(message, `${file}: ${message}`).toMatch(/^(\p{Lu}|\$\{|\{)/u);
      if (!subject) expect(message, `${file}: ${message}`).toMatch(/[.?!]$|\}$/);
    }
  });
});

describe("invalid input", () => {
  it("is answered with a sentence that starts with a capital, names the field and says what to do", async () => {
    const { z } = await import("zod");
    const { handle } = await import("@/lib/api/respond");
    const route = handle(() => {
      z.object({ sectionIds: z.array(z.string()).min(1) }).parse({ sectionIds: [] });
      return new Response();
    });
    const res = await route(new Request("http://localhost/api/x"), undefined);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^Too small.*\(sectionIds\)\. Correct it and try again\.$/);
  });
});
