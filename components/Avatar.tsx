import { initials } from "@/web/format.ts";

/** Background colours dark enough for white initials to pass WCAG AA. */
const AVATAR_COLOURS = [
  "bg-teal-700",
  "bg-indigo-700",
  "bg-rose-700",
  "bg-amber-800",
  "bg-emerald-800",
  "bg-sky-800",
  "bg-violet-700",
  "bg-fuchsia-800",
  "bg-slate-700",
] as const;

/** The same id always gets the same colour, so an expert is recognisable. */
export function avatarColour(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

const SIZES = {
  sm: "h-12 w-12 text-base",
  md: "h-16 w-16 text-xl",
  lg: "h-28 w-28 text-4xl",
} as const;

/**
 * An expert's photo, or their initials in a coloured circle. Decorative: it
 * always sits next to the name, so screen readers skip it.
 */
export function Avatar(
  { id, name, photoUrl, size = "md" }: {
    id: string;
    name: string;
    photoUrl: string | null;
    size?: keyof typeof SIZES;
  },
) {
  const shape = `${SIZES[size]} shrink-0 rounded-full`;
  if (photoUrl) {
    return <img src={photoUrl} alt="" class={`${shape} object-cover`} />;
  }
  return (
    <span
      aria-hidden="true"
      class={`${shape} ${
        avatarColour(id)
      } flex items-center justify-center font-semibold text-white`}
    >
      {initials(name)}
    </span>
  );
}
