/**
 * What an image's header says before any pixel is decoded: its format,
 * width and height (so a decompression bomb is refused before it can take
 * the memory) and, for a JPEG, the EXIF orientation (re-encoding drops the
 * EXIF block, so the turn it asks for has to be applied to the pixels).
 * A WebP is taken as stored: its EXIF orientation is read by almost no
 * viewer, so its pixels already face the way people saw them.
 */

export type InputFormat = "png" | "jpeg" | "webp";

/** The formats an image upload may be, as MIME types and in words. */
export const IMAGE_UPLOAD_TYPES = [
  "image/png",
  "image/jpeg",
  "image/webp",
] as const;
export const IMAGE_UPLOAD_NAMES = "PNG, JPEG or WebP";

export interface ImageHeader {
  format: InputFormat;
  width: number;
  height: number;
  /** EXIF orientation 1–8; 1 (as stored) when there is none. */
  orientation: number;
  /** An animated WebP: more than one picture, which a photo cannot be. */
  animated?: boolean;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The header of a PNG, JPEG or WebP, or null when `bytes` are none of them
 * (or cut short).
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    return readPngHeader(bytes);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegHeader(bytes);
  if (fourCc(bytes, 0) === "RIFF" && fourCc(bytes, 8) === "WEBP") {
    return readWebpHeader(bytes);
  }
  return null;
}

function fourCc(bytes: Uint8Array, at: number): string {
  return bytes.length < at + 4
    ? ""
    : String.fromCharCode(...bytes.subarray(at, at + 4));
}

/**
 * A WebP's size from its first chunk: "VP8 " (lossy) keeps 14-bit width
 * and height after a start code, "VP8L" (lossless) packs them less one
 * after a signature byte, and "VP8X" (extended: alpha, animation, EXIF)
 * keeps the canvas size less one in 24 bits each.
 */
function readWebpHeader(bytes: Uint8Array): ImageHeader | null {
  const chunk = fourCc(bytes, 12);
  const data = 20;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = (width: number, height: number, animated = false) => ({
    format: "webp" as const,
    width,
    height,
    orientation: 1,
    ...(animated ? { animated } : {}),
  });
  if (chunk === "VP8 ") {
    if (bytes.length < data + 10) return null;
    if (
      bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 ||
      bytes[data + 5] !== 0x2a
    ) return null;
    return header(
      view.getUint16(data + 6, true) & 0x3fff,
      view.getUint16(data + 8, true) & 0x3fff,
    );
  }
  if (chunk === "VP8L") {
    if (bytes.length < data + 5 || bytes[data] !== 0x2f) return null;
    const bits = view.getUint32(data + 1, true);
    return header((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8X") {
    if (bytes.length < data + 10) return null;
    const uint24 = (at: number) =>
      bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
    const animation = (bytes[data] & 0x02) !== 0;
    return header(uint24(data + 4) + 1, uint24(data + 7) + 1, animation);
  }
  return null;
}

function readPngHeader(bytes: Uint8Array): ImageHeader | null {
  // The first chunk is always IHDR: width and height at bytes 16–23.
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  return {
    format: "png",
    width: view.getUint32(16),
    height: view.getUint32(20),
    orientation: 1,
  };
}

/** Start-of-frame markers (C0–CF without DHT C4, JPG C8 and DAC CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 &&
    marker !== 0xc8 && marker !== 0xcc;
}

function readJpegHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    const body = offset + 4;
    if (length < 2 || body + length - 2 > bytes.length) return null;
    if (marker === 0xe1) {
      orientation = exifOrientation(bytes.subarray(body, body + length - 2)) ??
        orientation;
    }
    if (isStartOfFrame(marker)) {
      if (length < 7) return null;
      return {
        format: "jpeg",
        height: view.getUint16(body + 1),
        width: view.getUint16(body + 3),
        orientation,
      };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan before frame
    offset = body + length - 2;
  }
  return null;
}

/** Tag 0x0112 of IFD0 in an APP1 `Exif\0\0` segment, when valid. */
function exifOrientation(segment: Uint8Array): number | null {
  if (
    segment.length < 14 ||
    String.fromCharCode(...segment.subarray(0, 4)) !== "Exif"
  ) return null;
  const tiff = segment.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49; // "II" little-endian, "MM" big-endian
  if (!little && tiff[0] !== 0x4d) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
