/**
 * The admin blog editor's form: its fields, reading them into a post
 * draft, and turning a refusal into messages beside the fields. Shared by
 * the new-post and edit-post pages.
 */
import { nothingToSlugFrom, slugFrom } from "./slugs.ts";
import type { PostDraft, PostRecord } from "@/services/content/mod.ts";
import { readFields } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";

export const POST_FIELDS = [
  "title",
  "slug",
  "excerpt",
  "author",
  "tags",
  "bodyMarkdown",
  "status",
  "basedOn",
] as const;
export type PostField = typeof POST_FIELDS[number];
export type PostValues = Record<PostField, string>;

/** The editor's state: what is typed, what is wrong, what it looks like. */
export interface PostEditorState {
  values: PostValues;
  errors: Partial<Record<PostField, string>>;
  notice: { tone: "success" | "error" | "info"; text: string } | null;
  previewHtml: string;
}

/** An empty editor for a new post. */
export function emptyPostValues(author: string): PostValues {
  return {
    title: "",
    slug: "",
    excerpt: "",
    author,
    tags: "",
    bodyMarkdown: "",
    status: "draft",
    basedOn: "",
  };
}

/** A stored post as the editor shows it. */
export function postValues(post: PostRecord): PostValues {
  return {
    title: post.title,
    slug: post.slug,
    excerpt: post.excerpt,
    author: post.author,
    tags: post.tags.join(", "),
    bodyMarkdown: post.bodyMarkdown,
    status: post.status,
    basedOn: post.updatedAt,
  };
}

/** The posted form's values. */
export function readPostValues(form: FormData): PostValues {
  return readFields(form, POST_FIELDS);
}

/** The values as a draft for the services (which check every rule). */
export function toDraft(values: PostValues): PostDraft {
  return {
    title: values.title,
    // Left empty, the address comes from the title, as a category's id
    // comes from its name.
    slug: values.slug.trim() || slugFrom(values.title, 80),
    excerpt: values.excerpt,
    author: values.author,
    bodyMarkdown: values.bodyMarkdown,
    tags: values.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
    status: values.status === "published" ? "published" : "draft",
  };
}

/** Friendlier words for the schema's refusals, by field. */
const MESSAGES: Partial<Record<PostField, string>> = {
  title: "Give the post a title (at most 150 characters).",
  excerpt: "Write a short summary for the blog list (at most 400 characters).",
  author: "Name the author (at most 100 characters).",
  bodyMarkdown: "Write the post (at most 50,000 characters).",
  tags: "Use at most 10 tags of up to 30 characters, separated by commas.",
};

/**
 * A service's refusal as the editor shows it: messages beside fields, or
 * a notice. Anything unexpected is rethrown.
 */
export function postFailure(error: unknown, values: PostValues): {
  status: number;
  errors: PostEditorState["errors"];
  notice: PostEditorState["notice"];
} {
  const failure = formFailure(error);
  const errors: PostEditorState["errors"] = {};
  for (const [field, text] of Object.entries(failure.errors)) {
    const name = (field.split(".")[0]) as PostField;
    errors[name] = name === "slug" ? text : MESSAGES[name] ?? text;
  }
  // The address was to come from the title, which had nothing to make it of.
  if (errors.slug && values.slug.trim() === "") {
    errors.slug = nothingToSlugFrom("title", "an address");
  }
  const beside = Object.keys(errors).length > 0;
  return {
    status: failure.status,
    errors,
    notice: beside ? null : {
      tone: "error",
      text: failure.message ?? "The post could not be saved.",
    },
  };
}
