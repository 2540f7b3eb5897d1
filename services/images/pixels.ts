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
