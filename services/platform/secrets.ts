/**
 * Encrypting the secrets the app must read back later (an expert's bank
 * account number today), with AES-256-GCM from WebCrypto. The key comes
 * from configuration (`ENCRYPTION_KEY`, 32 bytes in base64; development
 * keeps a generated one beside its database, see `developmentSecretKey`) and
 * is handed to the code that needs it; nothing here reads the environment.
 *
 * Sealed values look like `v1.<iv>.<ciphertext>` (base64url), so a later key
 * or algorithm can be told apart by its prefix. A sealed value is bound to
 * its purpose (`aad`): a ciphertext copied from one field into another does
 * not decrypt there.
 *
 * @example
 * ```ts
 * const box = await createSecretBox(generateSecretKey());
 * const sealed = await box.seal("DE89370400440532013000", "iban");
 * await box.open(sealed, "iban"); // "DE89370400440532013000"
 * ```
 */
import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
} from "./crypto.ts";
import { defineProviderSlot, providerFor } from "./providers.ts";

export interface SecretBox {
  seal(plaintext: string, aad: string): Promise<string>;
  /** Throws when the value was not sealed with this key and purpose. */
  open(sealed: string, aad: string): Promise<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A new random key, base64: what `ENCRYPTION_KEY` holds. */
export function generateSecretKey(): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** Decodes and checks a base64 key of exactly 32 bytes. */
export function parseSecretKey(base64: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(base64.trim());
  } catch {
    throw new Error("The encryption key is not valid base64.");
  }
  if (bytes.length !== 32) {
    throw new Error(
      `The encryption key must be 32 bytes (it is ${bytes.length}); generate one with: openssl rand -base64 32`,
    );
  }
  return bytes;
}

/** A box for `key`: 32 bytes, or their base64. */
export async function createSecretBox(
  key: Uint8Array | string,
): Promise<SecretBox> {
  const bytes = typeof key === "string" ? parseSecretKey(key) : key;
  if (bytes.length !== 32) {
    throw new Error("The encryption key must be 32 bytes.");
  }
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    bytes as Uint8Array<ArrayBuffer>,
    "AES-GCM",
    false,
    ["encrypt", "decrypt"],
  );
  return {
    async seal(plaintext, aad) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(aad) },
        cryptoKey,
        encoder.encode(plaintext),
      );
      return `v1.${encodeBase64Url(iv)}.${
        encodeBase64Url(new Uint8Array(ciphertext))
      }`;
    },
    async open(sealed, aad) {
      const [version, iv, data] = sealed.split(".");
      if (version !== "v1" || !iv || !data) {
        throw new Error("Not a sealed value.");
      }
      const plaintext = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: decodeBase64Url(iv) as Uint8Array<ArrayBuffer>,
          additionalData: encoder.encode(aad),
        },
        cryptoKey,
        decodeBase64Url(data) as Uint8Array<ArrayBuffer>,
      );
      return decoder.decode(plaintext);
    },
  };
}

/**
 * Development's key: kept in `encryption.key` beside the database file, made
 * on first use, so sealed values survive restarts. A `:memory:` database gets
 * a key for this process only. Production never calls this: configuration
 * requires ENCRYPTION_KEY there.
 */
export async function developmentSecretKey(
  kvPath: string,
): Promise<Uint8Array> {
  if (kvPath === ":memory:") return crypto.getRandomValues(new Uint8Array(32));
  const folder = kvPath.includes("/") ? kvPath.replace(/\/[^/]*$/, "") : ".";
  const file = `${folder}/encryption.key`;
  try {
    return parseSecretKey(await Deno.readTextFile(file));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const key = generateSecretKey();
  await Deno.mkdir(folder, { recursive: true });
  try {
    await Deno.writeTextFile(file, key + "\n", {
      createNew: true,
      mode: 0o600,
    });
  } catch (error) {
    // Another process made it first: use theirs.
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
  }
  return parseSecretKey(await Deno.readTextFile(file));
}

/** True for a value `seal` made (so older plaintext can be told apart). */
export function isSealed(value: string): boolean {
  return /^v1\.[\w-]+\.[\w-]+$/.test(value);
}

/**
 * The secret box slot (see ./providers.ts): runtime.ts binds the app's box;
 * an unbound database (a test's) gets a box with a key of its own for as
 * long as the process runs.
 */
export const secretBoxProvider = defineProviderSlot<Promise<SecretBox>>(
  "secret box",
  () => createSecretBox(generateSecretKey()),
);

/** The secret box bound to `kv`. */
export function secretBoxFor(kv: Deno.Kv): Promise<SecretBox> {
  return providerFor(kv, secretBoxProvider);
}
