/**
 * An expert's photo wherever the public sees it: result cards and the
 * profile. A processed photo (services/images) is a `<picture>` with AVIF
 * and WebP sources and a JPEG fallback, `srcset`/`sizes` so the browser
 * fetches the smallest width that is sharp at its pixel density, and a
 * fixed width and height so nothing moves when it arrives. Without a photo
 * the initials stand in (see Avatar).
 */
import { imageSources } from "@/services/images/mod.ts";
import { Avatar } from "./Avatar.tsx";

/**
 * Where a photo appears: its CSS size, the stored widths worth offering
 * there (1x to 3x), and whether it loads at once.
 */
const SLOTS = {
  /** Below the fold in a list: loaded when scrolled near. */
  card: {
    px: 64,
    minWidth: 96,
    maxWidth: 192,
    class: "h-16 w-16",
    avatar: "md",
  },
  /** The profile's main photo, its LCP element: fetched first. */
  profile: {
    px: 128,
    minWidth: 192,
    maxWidth: 640,
    class: "h-32 w-32",
    avatar: "lg",
  },
} as const;

export function ExpertPhoto(
  { id, name, photoUrl, slot }: {
    id: string;
    name: string;
    photoUrl: string | null;
    slot: keyof typeof SLOTS;
  },
) {
  const size = SLOTS[slot];
  if (!photoUrl) {
    return <Avatar id={id} name={name} photoUrl={null} size={size.avatar} />;
  }
  const eager = slot === "profile";
  // Decorative: the photo always sits beside the name.
  const img = {
    alt: "",
    width: size.px,
    height: size.px,
    class: `${size.class} shrink-0 rounded-full bg-slate-100 object-cover`,
    ...(eager
      ? { fetchpriority: "high" as const }
      : { loading: "lazy" as const, decoding: "async" as const }),
  };
  const sources = imageSources(photoUrl, size);
  // An outside address or an upload from before photos were processed.
  if (!sources) return <img src={photoUrl} {...img} />;
  const sizes = `${size.px}px`;
  return (
    <picture class="shrink-0">
      {sources.sources.map((source) => (
        <source
          key={source.type}
          type={source.type}
          srcset={source.srcset}
          sizes={sizes}
        />
      ))}
      <img src={sources.src} srcset={sources.srcset} sizes={sizes} {...img} />
    </picture>
  );
}
