import type { BlogPost } from "@/services/content/mod.ts";
import { formatDate } from "@/web/format.ts";

/** "By Ana Silva · March 4, 2025 · 5 min read" under a post's title. */
export function PostMeta({ post }: { post: BlogPost }) {
  return (
    <p class="mt-2 flex flex-wrap gap-x-2 text-sm text-slate-700">
      <span>By {post.author}</span>
      <span aria-hidden="true">·</span>
      <time datetime={post.publishedAt}>{formatDate(post.publishedAt)}</time>
      <span aria-hidden="true">·</span>
      <span>{post.readingMinutes} min read</span>
    </p>
  );
}
