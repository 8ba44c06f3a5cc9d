/**
 * Minimal JSON -> XML rendering in the shape Plex uses: primitives become attributes, nested
 * objects become child elements named after their key, arrays become repeated child elements.
 */

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;"));
}

function attrValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" || typeof v === "string") return escapeXml(String(v));
  return null;
}

export interface XmlOptions {
  /**
   * How array items are named. PMS: each item gets the array key's name (`Directory`, `Genre`),
   * except `Metadata` which becomes `Video` (movies) or `Directory` (shows). plex.tv v2: the key
   * is a wrapper element and items get the singular name (`<connections><connection/>`).
   */
  style: "pms" | "plextv";
}

function singular(key: string): string {
  if (key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  if (key.endsWith("s")) return key.slice(0, -1);
  return `${key}Item`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function pmsItemName(key: string, item: Record<string, unknown>): string {
  if (key !== "Metadata") return key;
  return item.type === "movie" || item.type === "episode" || item.type === "clip" ? "Video" : "Directory";
}

function renderElement(name: string, obj: Record<string, unknown>, opts: XmlOptions, out: string[]): void {
  const attrs: string[] = [];
  const children: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      if (opts.style === "pms") {
        for (const item of v) {
          if (isPlainObject(item)) renderElement(pmsItemName(k, item), item, opts, children);
          else children.push(`<${k} tag="${escapeXml(String(item))}"/>`);
        }
      } else {
        const inner: string[] = [];
        for (const item of v) {
          if (isPlainObject(item)) renderElement(singular(k), item, opts, inner);
          else inner.push(`<${singular(k)} id="${escapeXml(String(item))}"/>`);
        }
        children.push(inner.length ? `<${k}>${inner.join("")}</${k}>` : `<${k}/>`);
      }
    } else if (isPlainObject(v)) {
      renderElement(k, v, opts, children);
    } else {
      const a = attrValue(v);
      if (a !== null) attrs.push(` ${k}="${a}"`);
    }
  }
  out.push(children.length ? `<${name}${attrs.join("")}>${children.join("")}</${name}>` : `<${name}${attrs.join("")}/>`);
}

/** Renders `{ MediaContainer: {...} }` or any single-root object as an XML document. */
export function toXml(rootName: string, obj: Record<string, unknown>, opts: XmlOptions): string {
  const out: string[] = [];
  renderElement(rootName, obj, opts, out);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out.join("")}\n`;
}

/** plex.tv arrays (e.g. resources) render as `<resources><resource/>...</resources>`. */
export function arrayToXml(rootName: string, items: Record<string, unknown>[], opts: XmlOptions): string {
  const out: string[] = [];
  for (const item of items) renderElement(singular(rootName), item, opts, out);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName} size="${items.length}">${out.join("")}</${rootName}>\n`;
}
