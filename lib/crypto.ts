import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { getConfig } from "./config";

/**
 * Secrets at rest: Plex tokens are stored AES-256-GCM encrypted with a key derived (HKDF) from
 * SECRET; cookies we issue ourselves are HMAC-signed with another derived key.
 */
function key(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", getConfig().secret, "reelmatch", purpose, 32));
}

/** Encrypts a secret for the database: "v1.<iv>.<tag>.<ciphertext>" (base64url). */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key("token-encryption"), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Decrypts what encryptSecret produced; undefined when it was tampered with or SECRET changed. */
export function decryptSecret(stored: string | null | undefined): string | undefined {
  if (!stored) return undefined;
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key("token-encryption"), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** True when something is stored but cannot be decrypted (SECRET changed, or the value was tampered with). */
export function hasUnreadableSecret(stored: string | null | undefined): boolean {
  return !!stored && decryptSecret(stored) === undefined;
}

/** "<value>.<hmac>" for cookies that must not be forged. */
export function signValue(value: string, purpose = "cookie"): string {
  const mac = createHmac("sha256", key(purpose)).update(value).digest("base64url");
  return `${value}.${mac}`;
}

/** The value of a signed string, or undefined when the signature does not match. */
export function verifySigned(signed: string | undefined, purpose = "cookie"): string | undefined {
  if (!signed) return undefined;
  const at = signed.lastIndexOf(".");
  if (at <= 0) return undefined;
  const value = signed.slice(0, at);
  const expected = Buffer.from(signValue(value, purpose).slice(at + 1));
  const given = Buffer.from(signed.slice(at + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : undefined;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
