/**
 * Expert categories: zod schemas and the types inferred from them.
 *
 * Stored categories are read with `storedCategorySchema`, whose icon is
 * forgiving: the emoji stored before icons had names read back as their
 * icon, and any other unknown icon as the default one, so a category read
 * back can always be saved back unchanged.
 */
import { z } from "zod";

export const categorySlugSchema = z.string().trim().toLowerCase().regex(
  /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  "Use lowercase letters, digits and single hyphens, e.g. software-engineering.",
).max(60, "Use at most 60 characters for the id.");

/**
 * The icons a category may show, by their names in the Lucide icon set
 * (components/CategoryIcon.tsx draws them as inline SVG). Names, not emoji:
 * emoji need a font that not every machine has.
 */
export const CATEGORY_ICONS = [
  "banknote",
  "book-open",
  "bot",
  "brain",
  "briefcase",
  "brush",
  "building",
  "camera",
  "chart-column",
  "cloud",
  "code",
  "compass",
  "copyright",
  "database",
  "dumbbell",
  "file-text",
  "flask-conical",
  "globe",
  "graduation-cap",
  "guitar",
  "handshake",
  "heart",
  "heart-pulse",
  "landmark",
  "languages",
  "leaf",
  "lightbulb",
  "lock",
  "map",
  "megaphone",
  "message-square",
  "mic",
  "moon",
  "music",
  "notebook",
  "palette",
  "pencil",
  "phone",
  "piano",
  "plane",
  "puzzle",
  "receipt",
  "rocket",
  "salad",
  "scale",
  "scroll",
  "search",
  "settings",
  "shapes",
  "shuffle",
  "sliders-horizontal",
  "smartphone",
  "sprout",
  "tag",
  "target",
  "trending-down",
  "trending-up",
  "users",
  "wrench",
] as const;
export type CategoryIconName = typeof CATEGORY_ICONS[number];
export const DEFAULT_CATEGORY_ICON: CategoryIconName = "shapes";

/** The seeded emoji stored before icons had names, and the icon each became. */
const LEGACY_ICONS: Readonly<Record<string, CategoryIconName>> = {
  "💻": "code",
  "🤖": "bot",
  "🎨": "palette",
  "🧭": "compass",
  "📣": "megaphone",
  "🚀": "rocket",
  "📊": "chart-column",
  "🎯": "target",
  "🗣️": "languages",
  "🗣": "languages",
  "🎵": "music",
  "🌿": "leaf",
  "⚖️": "scale",
  "⚖": "scale",
  "🌐": "globe",
  "📱": "smartphone",
  "☁️": "cloud",
  "☁": "cloud",
  "🏗️": "building",
  "🏗": "building",
  "🔐": "lock",
  "🧠": "brain",
  "🛢️": "database",
  "🛢": "database",
  "📈": "trending-up",
  "💬": "message-square",
  "🔎": "search",
  "✏️": "pencil",
  "✏": "pencil",
  "🏷️": "tag",
  "🏷": "tag",
  "🖌️": "brush",
  "🖌": "brush",
  "♟️": "puzzle",
  "♟": "puzzle",
  "🧪": "flask-conical",
  "🌱": "sprout",
  "🔍": "search",
  "📝": "file-text",
  "💸": "banknote",
  "🤝": "handshake",
  "🗺️": "map",
  "🗺": "map",
  "⚙️": "settings",
  "⚙": "settings",
  "📞": "phone",
  "🏦": "landmark",
  "📉": "trending-down",
  "🧾": "receipt",
  "📒": "notebook",
  "🎤": "mic",
  "📄": "file-text",
  "🧑‍🤝‍🧑": "users",
  "🔀": "shuffle",
  "🇬🇧": "languages",
  "🇪🇸": "languages",
  "🇯🇵": "languages",
  "🇫🇷": "languages",
  "🎸": "guitar",
  "🎹": "piano",
  "🎛️": "sliders-horizontal",
  "🎛": "sliders-horizontal",
  "🎙️": "mic",
  "🎙": "mic",
  "🥗": "salad",
  "🏋️": "dumbbell",
  "🏋": "dumbbell",
  "🧘": "heart-pulse",
  "😴": "moon",
  "📜": "scroll",
  "©️": "copyright",
  "©": "copyright",
  "🛂": "plane",
  "👔": "briefcase",
};

/**
 * An icon name. Records written with one of the seeded emoji read back as
 * the matching icon, so databases seeded before icons had names keep working.
 */
export const categoryIconSchema = z.preprocess(
  (value) =>
    typeof value === "string"
      ? LEGACY_ICONS[value.trim()] ?? value.trim()
      : value,
  z.enum(CATEGORY_ICONS, "Choose one of the listed icons."),
);

export const categorySchema = z.object({
  id: categorySlugSchema,
  // The admin's category form shows these messages as they are.
  name: z.string().trim().min(1, "Give the category a name.").max(
    80,
    "Use at most 80 characters for the name.",
  ),
  description: z.string().trim().max(
    300,
    "Use at most 300 characters for the description.",
  ),
  icon: categoryIconSchema,
  parentId: categorySlugSchema.nullable(),
  order: z.number().int(),
  retired: z.boolean(),
});

export type Category = z.infer<typeof categorySchema>;
export type CategoryWithChildren = Category & { subcategories: Category[] };

export const categoryWithChildrenSchema = categorySchema.extend({
  subcategories: z.array(categorySchema),
});

export const categoryInputSchema = categorySchema.extend({
  description: categorySchema.shape.description.default(""),
  parentId: categorySchema.shape.parentId.default(null),
  order: categorySchema.shape.order.default(0),
  retired: categorySchema.shape.retired.default(false),
});

export type CategoryInput = z.input<typeof categoryInputSchema>;

/** A category as read from KV (see the module comment). */
export const storedCategorySchema = categorySchema.extend({
  icon: categoryIconSchema.catch(DEFAULT_CATEGORY_ICON),
});

/** What an admin may change after creation: never the id or the parent. */
export const categoryChangesSchema = z.strictObject({
  name: categorySchema.shape.name,
  description: categorySchema.shape.description,
  icon: categorySchema.shape.icon,
}).partial();

export type CategoryChanges = z.input<typeof categoryChangesSchema>;
