/**
 * Pixel work done in plain TypeScript before resizing: the centred square
 * crop every photo slot shows, turned as the EXIF orientation asks (the
 * tag itself is dropped by re-encoding), and flattened onto white (a JPEG
 * has no transparency, and a photo in a round frame should look the same
 * in every format).
 */

/** RGBA pixels, as the codecs take and give them. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Where the display pixel (x, y) of an `n`×`n` square is stored, for each
 * EXIF orientation. (Cropping the centred square commutes with these turns,
 * so cropping first keeps the work on the smaller square.)
 */
const SOURCE_OF: Record<
  number,
  (x: number, y: number, last: number) => [number, number]
> = {
  1: (x, y) => [x, y],
  2: (x, y, n) => [n - x, y],
  3: (x, y, n) => [n - x, n - y],
  4: (x, y, n) => [x, n - y],
  5: (x, y) => [y, x],
  6: (x, y, n) => [y, n - x],
  7: (x, y, n) => [n - y, n - x],
  8: (x, y, n) => [n - y, x],
};

/**
 * The centred square of `image`, turned upright for `orientation` and
 * flattened onto white.
 */
export function uprightSquare(image: Pixels, orientation: number): Pixels {
  const size = Math.min(image.width, image.height);
  const left = (image.width - size) >> 1;
  const top = (image.height - size) >> 1;
  const sourceOf = SOURCE_OF[orientation] ?? SOURCE_OF[1];
  const out = new Uint8ClampedArray(size * size * 4);
  const src = image.data;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [sx, sy] = sourceOf(x, y, last);
      const from = ((top + sy) * image.width + left + sx) * 4;
      const to = (y * size + x) * 4;
      const alpha = src[from + 3];
      if (alpha === 255) {
        out[to] = src[from];
        out[to + 1] = src[from + 1];
        out[to + 2] = src[from + 2];
      } else {
        const white = 255 * (255 - alpha);
        out[to] = (src[from] * alpha + white) / 255;
        out[to + 1] = (src[from + 1] * alpha + white) / 255;
        out[to + 2] = (src[from + 2] * alpha + white) / 255;
      }
      out[to + 3] = 255;
    }
  }
  return { width: size, height: size, data: out };
}

/**
 * The whole of `image` (any proportions) turned upright for `orientation`
 * (5–8 swap width and height) and flattened onto white.
 */
export function upright(image: Pixels, orientation: number): Pixels {
  const swap = orientation >= 5 && orientation <= 8;
  const width = swap ? image.height : image.width;
  const height = swap ? image.width : image.height;
  const lastX = image.width - 1;
  const lastY = image.height - 1;
  // Where display pixel (x, y) is stored, per orientation.
  const sourceOf: (x: number, y: number) => [number, number] = {
    2: (x: number, y: number) => [lastX - x, y],
    3: (x: number, y: number) => [lastX - x, lastY - y],
    4: (x: number, y: number) => [x, lastY - y],
    5: (x: number, y: number) => [y, x],
    6: (x: number, y: number) => [y, lastY - x],
    7: (x: number, y: number) => [lastX - y, lastY - x],
    8: (x: number, y: number) => [lastX - y, x],
  }[orientation] as ((x: number, y: number) => [number, number]) ??
    ((x: number, y: number) => [x, y]);
  const out = new Uint8ClampedArray(width * height * 4);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = sourceOf(x, y);
      const from = (sy * image.width + sx) * 4;
      const to = (y * width + x) * 4;
      const alpha = src[from + 3];
      const white = 255 * (255 - alpha);
      out[to] = (src[from] * alpha + white) / 255;
      out[to + 1] = (src[from + 1] * alpha + white) / 255;
      out[to + 2] = (src[from + 2] * alpha + white) / 255;
      out[to + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The centred part of `image` with proportions `ratio` (width / height). */
export function coverCrop(image: Pixels, ratio: number): Pixels {
  const width = Math.min(image.width, Math.round(image.height * ratio));
  const height = Math.min(image.height, Math.round(image.width / ratio));
  const left = (image.width - width) >> 1;
  const top = (image.height - height) >> 1;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data: out };
}
