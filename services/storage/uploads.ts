/**
 * Checking an uploaded file before it is stored: size, and type judged from
 * the file's bytes, never trusted from its name or the browser's claim.
 *
 * A name or declared type that disagrees with the bytes (an .exe renamed
 * .pdf, HTML sent as image/png) is refused as a disguised upload rather than
 * quietly corrected: it is either a mistake the user should see or an attack.
 */
import { ValidationError } from "@/services/platform/errors.ts";

/** Largest accepted upload: 10 MiB. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The types sniffFileType recognises, which are also the default allowed. */
export type SniffedType =
  | "application/pdf"
  | "image/png"
  | "image/jpeg"
  | "image/webp";

export const ALLOWED_UPLOAD_TYPES: readonly SniffedType[] = [
  "application/pdf",
  "image/png",
  "image/jpeg",
];

// `null` matches any byte (a RIFF file's length sits between its tags).
const SIGNATURES: { type: SniffedType; magic: (number | null)[] }[] = [
  { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  {
    type: "image/png",
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // \x89PNG\r\n\x1a\n
  },
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  {
    type: "image/webp",
    magic: [
      0x52,
      0x49,
      0x46,
      0x46,
      null,
      null,
      null,
      null,
      0x57,
      0x45,
      0x42,
      0x50,
    ], // RIFF....WEBP
  },
];

/** Bytes sniffFileType needs to see: the longest signature. */
const SNIFF_BYTES = 12;

const LABELS: Record<SniffedType, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

const EXTENSIONS: Record<string, SniffedType> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  jpe: "image/jpeg",
  webp: "image/webp",
};

// Names browsers and operating systems use for the same types.
const DECLARED_ALIASES: Record<string, SniffedType> = {
  "application/pdf": "application/pdf",
  "application/x-pdf": "application/pdf",
  "image/png": "image/png",
  "image/x-png": "image/png",
  "image/jpeg": "image/jpeg",
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/webp": "image/webp",
};

/** The file's type from its leading magic bytes, or null when unrecognised. */
export function sniffFileType(firstBytes: Uint8Array): SniffedType | null {
  for (const { type, magic } of SIGNATURES) {
    if (
      firstBytes.length >= magic.length &&
      magic.every((byte, index) => byte === null || firstBytes[index] === byte)
    ) {
      return type;
    }
  }
  return null;
}

/** What acceptUpload learned about a file it accepted. */
export interface AcceptedUpload {
  /** The type read from the bytes: store and serve the file as this. */
  contentType: SniffedType;
  size: number;
  /** The file name without any folder part, for display only. */
  name: string;
}

/**
 * Checks an uploaded file (e.g. `formData.get("file")`) and returns its real
 * type and size. Throws a ValidationError with the reason under `file` when
 * it is empty, larger than `maxBytes` (default 10 MiB), not of an `allowed`
 * type (default PDF, PNG, JPEG), or disguised: its name's extension or its
 * declared type disagrees with its bytes. Reads at most `maxBytes + 1` bytes.
 */
export async function acceptUpload(
  file: Blob & { name?: string },
  opts: { allowed?: readonly string[]; maxBytes?: number } = {},
): Promise<AcceptedUpload> {
  const allowed = opts.allowed ?? ALLOWED_UPLOAD_TYPES;
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const allowedList = listWithOr(
    allowed.map((type) => LABELS[type as SniffedType] ?? type),
  );
  const reject = (reason: string): never => {
    throw new ValidationError("The file was not accepted.", { file: [reason] });
  };
  const tooLarge = `The file is larger than ${formatBytes(maxBytes)}.`;

  if (file.size > maxBytes) reject(tooLarge);
  const { head, size } = await readHeadAndSize(file, maxBytes);
  if (size > maxBytes) reject(tooLarge);
  if (size === 0) reject("The file is empty.");

  const name = baseName(file.name ?? "");
  const sniffed = sniffFileType(head);
  const declared = declaredType(file.type);
  const extension = name.includes(".")
    ? name.slice(name.lastIndexOf(".") + 1).toLowerCase()
    : null;
  const claimed = declared ?? (extension ? EXTENSIONS[extension] : undefined);

  if (sniffed === null) {
    reject(
      claimed
        ? `The file claims to be a ${
          LABELS[claimed]
        } but its contents are not. Upload a real ${allowedList} file.`
        : `Upload a ${allowedList} file.`,
    );
  }
  const type = sniffed as SniffedType;
  if (!allowed.includes(type)) {
    reject(
      `${
        LABELS[type]
      } files are not accepted here. Upload a ${allowedList} file.`,
    );
  }
  const declaredMismatch = file.type !== "" && declared !== type &&
    file.type !== "application/octet-stream";
  const extensionMismatch = extension !== null &&
    EXTENSIONS[extension] !== type;
  if (declaredMismatch || extensionMismatch) {
    reject(
      `The file's name or type does not match its contents (a ${
        LABELS[type]
      }). Rename it with a .${extensionFor(type)} extension and try again.`,
    );
  }
  return {
    contentType: type,
    size,
    name: name || `file.${extensionFor(type)}`,
  };
}

/**
 * Reads the first bytes and counts the rest, stopping as soon as the count
 * passes `maxBytes`: a file's `size` can't be trusted for every Blob-like
 * input, and reading on would be wasted work.
 */
async function readHeadAndSize(
  file: Blob,
  maxBytes: number,
): Promise<{ head: Uint8Array; size: number }> {
  const head = new Uint8Array(SNIFF_BYTES);
  let size = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size < SNIFF_BYTES) {
        head.set(value.subarray(0, SNIFF_BYTES - size), size);
      }
      size += value.byteLength;
      if (size > maxBytes) break;
    }
  } finally {
    await reader.cancel();
  }
  return { head: head.subarray(0, Math.min(size, SNIFF_BYTES)), size };
}

/** The declared type normalised, or null when absent or not one we know. */
function declaredType(type: string): SniffedType | null {
  const essence = type.split(";")[0].trim().toLowerCase();
  return DECLARED_ALIASES[essence] ?? null;
}

function extensionFor(type: SniffedType): string {
  return type === "image/jpeg" ? "jpg" : type.split("/")[1];
}

// Some browsers send a full path (`C:\fakepath\cv.pdf`); keep the last part.
function baseName(name: string): string {
  return name.split(/[\\/]/).pop()!.trim().slice(0, 200);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)} MB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** ["PDF", "PNG", "JPEG"] → "PDF, PNG or JPEG". */
function listWithOr(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
