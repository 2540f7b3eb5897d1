/**
 * Tiny real files for upload tests. Each starts with its type's signature,
 * which is what uploads are checked by (services/storage/uploads.ts), so
 * they pass as what they claim to be.
 */

/** A tiny but real PDF. */
export const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/**
 * A complete 1×1 PNG (one blue pixel): photos are decoded on upload, so
 * the fixture must be a whole image, not just its signature.
 */
export const PNG = new Uint8Array([
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // the signature
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], // length 13, "IHDR"
  ...[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0], // 1×1, 8-bit RGBA
  ...[0x1f, 0x15, 0xc4, 0x89], // its CRC
  ...[0, 0, 0, 13, 0x49, 0x44, 0x41, 0x54], // length 13, "IDAT"
  ...[0x78, 0xda, 0x63, 0x50, 0x4d, 0x7e, 0xfd, 0x1f, 0x00, 0x04, 0x97, 0x02],
  ...[0x73, 0x89, 0x83, 0xbd, 0x6c], // the pixel, deflated, and its CRC
  ...[0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], // IEND
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
