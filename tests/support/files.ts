/**
 * Tiny real files for upload tests. Each starts with its type's signature,
 * which is what uploads are checked by (services/storage/uploads.ts), so
 * they pass as what they claim to be.
 */

/** A tiny but real PDF. */
export const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** The PNG signature and the IHDR chunk of a 1×1 image. */
export const PNG = new Uint8Array([
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // the signature
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], // length 13, "IHDR"
  ...[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0], // 1×1, 8-bit RGBA
  ...[0x1f, 0x15, 0xc4, 0x89], // its CRC
]);

/** The start of a JPEG (JFIF). */
export const JPEG = new Uint8Array([
  ...[0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46],
]);

/** The start of a GIF: a picture of a type uploads refuse. */
export const GIF = new TextEncoder().encode(
  "GIF89a\x01\x00\x01\x00\x00\x00\x00;",
);

/** {@linkcode PDF} as a browser's file input sends it. */
export function pdfFile(name = "certificate.pdf"): File {
  return new File([PDF], name, { type: "application/pdf" });
}

/** {@linkcode PNG} as a browser's file input sends it. */
export function pngFile(name = "me.png"): File {
  return new File([PNG], name, { type: "image/png" });
}
