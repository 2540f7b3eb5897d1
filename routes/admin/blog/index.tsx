/**
 * The blog as admins see it: every post, drafts included, most recently
 * changed first, with a link to write a new one.
 */
import { define } from "@/web/define.ts";
import { listAllPosts, type PostRecord } from "@/services/content/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { ButtonLink } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { formatInstant } from "@/web/format.ts";

const DONE: Record<string, string> = {
  deleted: "The post was deleted.",
};

export const handler = define.handlers<
  { posts: PostRecord[]; notice: string | null }
>({
  async GET(_req, ctx) {
    return ctx.render({
      posts: await listAllPosts(ctx.state.kv),
      notice: DONE[ctx.url.searchParams.get("done") ?? ""] ?? null,
    });
  },
});

export default define.page<typeof handler>(function AdminBlog({ data }) {
  return (
    <>
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <Card title="Blog posts" id="posts">
        <p>
          <ButtonLink href="/admin/blog/new">Write a post</ButtonLink>
        </p>
        {data.posts.length === 0
          ? <p>No posts yet.</p>
          : (
            <ul class="divide-y divide-slate-200">
              {data.posts.map((post) => (
                <li key={post.slug} class="py-3">
                  <p class="font-medium">
                    <a
                      href={`/admin/blog/${encodeURIComponent(post.slug)}`}
                      class="text-brand-800 underline"
                    >
                      {post.title}
                    </a>{" "}
                    <span
                      class={post.status === "draft"
                        ? "ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900"
                        : "ml-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900"}
                    >
                      {post.status === "draft" ? "Draft" : "Published"}
                    </span>
                  </p>
                  <p class="text-sm text-slate-700">
                    /blog/{post.slug} · changed {formatInstant(post.updatedAt)}
                    {post.status === "published" && (
                      <>
                        {" · "}
                        <a
                          href={`/blog/${encodeURIComponent(post.slug)}`}
                          class="text-brand-800 underline"
                        >
                          View on the blog
                        </a>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
      </Card>
    </>
  );
});
