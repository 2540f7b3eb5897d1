/**
 * Image processing for uploads: the images feature's public entry.
 *
 * `processImage` turns an uploaded PNG, JPEG or WebP into square variants at every
 * width the pages show, as AVIF, WebP and JPEG, with all metadata stripped
 * and a content-hashed id; `storeImage`/`deleteImage` keep them in the
 * FileStore under one base key; `imageSources` gives pages the URLs for a
 * `<picture>`.
 */
export {
  decodeUpload,
  IMAGE_WIDTHS,
  type ImageVariant,
  type ImageWidth,
  isProcessedImageId,
  MAX_INPUT_PIXELS,
  MAX_INPUT_SIDE,
  type ProcessedImage,
  processImage,
  processPixels,
  variantsDigest,
} from "./process.ts";
export {
  CONTENT_TYPES,
  encode,
  encodePng,
  OUTPUT_FORMATS,
  type OutputFormat,
  resize,
} from "./codecs.ts";
export {
  IMAGE_UPLOAD_NAMES,
  IMAGE_UPLOAD_TYPES,
  type ImageHeader,
  readImageHeader,
} from "./header.ts";
export { coverCrop, type Pixels, upright } from "./pixels.ts";
export {
  deleteImage,
  deleteOwnedImage,
  imageKeys,
  parseVariantName,
  storeImage,
  variantKey,
  variantName,
} from "./variants.ts";
export { type ImageSources, imageSources } from "./sources.ts";
