import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";
import { DEFAULT_LOCALE, LOCALES, negotiateLocale } from "@/lib/i18n/locales";

const root = path.resolve(import.meta.dirname, "../..");
type Tree = { [key: string]: string | Tree };
const catalogue = (locale: string): Tree => JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Tree;

/** Every message as "Namespace.key.sub" -> text. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(id, value);
    else for (const [k, v] of flatten(value, id)) out.set(k, v);
  }
  return out;
}

/** The arguments (with their kind) and rich-text tags a message uses, and its plural arguments' categories. */
function shape(elements: MessageFormatElement[], into = { args: new Map<string, string>(), tags: new Set<string>(), plurals: [] as { name: string; options: string[] }[] }) {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.args.set(el.value, "text");
    if (el.type === TYPE.number) into.args.set(el.value, "number");
    if (el.type === TYPE.date || el.type === TYPE.time) into.args.set(el.value, "date");
    if (el.type === TYPE.tag) {
      into.tags.add(el.value);
      shape(el.children, into);
    }
    if (el.type === TYPE.plural) {
      into.args.set(el.value, "number");
      into.plurals.push({ name: el.value, options: Object.keys(el.options) });
    }
    if (el.type === TYPE.select) into.args.set(el.value, "select");
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) shape(option.value, into);
  }
  return into;
}

const english = flatten(catalogue(DEFAULT_LOCALE));
const shapeOf = (text: string) => shape(parse(text, { requiresOtherClause: true }));

describe("message catalogues", () => {
  it("has one catalogue per language, no more", () => {
    expect(readdirSync(path.join(root, "messages")).sort()).toEqual(LOCALES.map((l) => `${l}.json`).sort());
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const messages = flatten(catalogue(locale));

      it("has every key of the English catalogue and no other", () => {
        expect([...english.keys()].filter((k) => !messages.has(k)), "missing").toEqual([]);
        expect([...messages.keys()].filter((k) => !english.has(k)), "not in English").toEqual([]);
      });

      it("is valid ICU with the same placeholders and tags as English, and every plural form the language needs", () => {
        // The plural categories whole numbers take in this language (Polish: one, few, many, other).
        const rules = new Intl.PluralRules(locale);
        const needed = [...new Set(Array.from({ length: 201 }, (_, n) => rules.select(n)))];
        for (const [key, text] of messages) {
          const ours = shapeOf(text);
          const theirs = shapeOf(english.get(key) ?? "");
          expect(Object.fromEntries(ours.args), `${locale} ${key}: placeholders`).toEqual(Object.fromEntries(theirs.args));
          expect([...ours.tags].sort(), `${locale} ${key}: tags`).toEqual([...theirs.tags].sort());
          for (const plural of ours.plurals) {
            const missing = needed.filter((c) => !plural.options.includes(c));
            expect(missing, `${locale} ${key}: plural forms of {${plural.name}}`).toEqual([]);
          }
        }
      });

      it("formats every message with sample values", () => {
        const t = createTranslator({
          locale,
          messages: catalogue(locale) as never,
          onError: (error) => {
            throw error;
          },
        });
        for (const [key, text] of messages) {
          const { args, tags } = shapeOf(text);
          const values: Record<string, unknown> = {};
          for (const [name, kind] of args) values[name] = kind === "number" ? 3 : kind === "date" ? new Date(0) : kind === "select" ? "other" : "x";
          for (const tag of tags) values[tag] = (chunks: unknown) => chunks;
          expect(() => (tags.size ? t.rich(key as never, values as never) : t(key as never, values as never)), `${locale} ${key}`).not.toThrow();
        }
      });
    });
  }
});

/** The app's own source files (app/, components/, lib/, i18n/). */
function sourceFiles(dir = root, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (dir === root && !["app", "components", "lib", "i18n"].includes(name)) continue;
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (/\.tsx?$/.test(name)) out.push(file);
  }
  return out;
}

const sources = sourceFiles().map((file) => ({ file, text: readFileSync(file, "utf8") }));
const quoted = (text: string, value: string) => [`"${value}"`, `'${value}'`, `\`${value}\``].some((q) => text.includes(q));
/** The namespaces a file asks for (useTranslations("Ns"), getTranslations("Ns")). */
const askedFor = (text: string) => [...text.matchAll(/(?:useTranslations|getTranslations)\(\s*["'](\w+)["']/g)].map((m) => m[1]!);
/** The same, and "ApiErrors" where the file refuses with refusal(code, "key") (read on the server, lib/i18n/api-errors.ts). */
const namespacesOf = (text: string) => new Set([...askedFor(text), ...(/\brefusal\(/.test(text) ? ["ApiErrors"] : [])]);

describe("message keys in the source", () => {
  it("uses every key: each appears quoted in a file that asks for its namespace (or as a full \"Namespace.key\")", () => {
    const unused = [...english.keys()].filter((id) => {
      const [namespace, ...rest] = id.split(".");
      const key = rest.join(".");
      // A family read with a computed key (`errors.${code}`) counts as used as a whole.
      const prefixes = rest.slice(0, -1).map((_, i) => `\`${rest.slice(0, i + 1).join(".")}.\${`);
      return !sources.some(({ text }) => quoted(text, id) || (namespacesOf(text).has(namespace!) && (quoted(text, key) || prefixes.some((p) => text.includes(p)))));
    });
    expect(unused).toEqual([]);
  });

  it("sends client components every namespace they use (CLIENT_NAMESPACES)", () => {
    // Client modules: "use client" files and whatever they import from the app, transitively.
    const byFile = new Map(sources.map((s) => [s.file, s.text]));
    const resolve = (from: string, spec: string) => {
      const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
      return base ? [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => byFile.has(f)) : undefined;
    };
    const client = new Set<string>();
    const visit = (file: string) => {
      if (client.has(file)) return;
      client.add(file);
      for (const m of byFile.get(file)!.matchAll(/from\s+["']([^"']+)["']/g)) {
        const dep = resolve(file, m[1]!);
        if (dep) visit(dep);
      }
    };
    for (const { file, text } of sources) if (/^["']use client["']/.test(text)) visit(file);
    const used = new Set([...client].flatMap((file) => askedFor(byFile.get(file)!)));
    expect([...used].filter((ns) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns)).sort()).toEqual([]);
    expect(CLIENT_NAMESPACES.filter((ns) => !used.has(ns)), "sent but never used in the browser").toEqual([]);
  });
});

describe("choosing the language", () => {
  it("takes the best Accept-Language match, by weight, then by language alone", () => {
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-CA")).toBe("fr");
    expect(negotiateLocale("pt-PT,pt;q=0.9")).toBe("pt-BR");
    expect(negotiateLocale("pt-br")).toBe("pt-BR");
    expect(negotiateLocale("ja,sv;q=0.5,de;q=0.4")).toBe("sv");
    expect(negotiateLocale("en;q=0.1,nl;q=0.9")).toBe("nl");
    expect(negotiateLocale("de;q=0,*")).toBe("en");
    expect(negotiateLocale("zh-CN")).toBe("en");
  });
});
