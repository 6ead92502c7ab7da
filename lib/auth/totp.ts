import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./secret";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/**
 * Two-factor sign-in with authenticator apps (RFC 6238 TOTP: SHA-1, 6 digits, 30 s), through the
 * `otpauth` library. Secrets are stored encrypted (AES-256-GCM, key derived from the server
 * secret), and a code is accepted once: its time step must be later than the last one used.
 */
const ISSUER = "建议办理系统";
const PERIOD = 30;

const key = () => derivedKey("totp");

export function sealSecret(base32: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string) {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !body) throw new Error("bad sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

const totp = (base32: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(base32) });

export function newSecret() {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address and its QR code (SVG), for the enrolment page. */
export async function enrolment(base32: string, username: string) {
  const uri = totp(base32, username).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { uri, svg, secret: base32.replace(/(.{4})/g, "$1 ").trim() };
}

/**
 * The time step a code belongs to (one step of clock drift either way), or null. A step at or
 * before `lastStep` is refused: the same code cannot sign in twice.
 */
export function acceptCode(base32: string, code: string, at: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(base32).validate({ token, timestamp: at.getTime(), window: 1 });
  if (delta == null) return null;
  const step = Math.floor(at.getTime() / 1000 / PERIOD) + delta;
  if (lastStep != null && step <= lastStep) return null;
  return step;
}

/** For tests and the e2e helper: the code an authenticator shows at `at`. */
export function codeAt(base32: string, at: Date) {
  return totp(base32).generate({ timestamp: at.getTime() });
}
