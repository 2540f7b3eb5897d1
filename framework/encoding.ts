/**
 * Content encodings the server prepares ahead of time (static files at build
 * time, kept pages when they are stored) or per response (compress.ts), and
 * how a request's `Accept-Encoding` picks one of them.
 */
import { gzipSync } from "node:zlib";

/** The encodings we prepare, in the order a response prefers them. */
export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
export type Encoding = (typeof ENCODINGS)[number]["name"];

/**
 * Picks the best encoding the client accepts among `available`
 * (`Accept-Encoding` tokens with a q-value above zero; `*` accepts any).
 */
export function pickEncoding(
  acceptEncoding: string | null,
  available: (enc: Encoding) => boolean,
): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split("=");
      if (name === "q") q = Number(value);
    }
    if (token) accepted.set(token, Number.isFinite(q) ? q : 0);
  }
  for (const { name } of ENCODINGS) {
    const q = accepted.get(name) ?? accepted.get("*") ?? 0;
    if (q > 0 && available(name)) return name;
  }
  return null;
}

/** Gzips a whole body in one call, at the level every gzip body here uses. */
export function gzipWhole(body: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(gzipSync(body, { level: 6 }));
}
