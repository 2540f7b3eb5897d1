import { define } from "@/web/define.ts";
import { type BlogPost, listPosts } from "@/services/content/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination } from "@/components/Pagination.tsx";
import { PostMeta } from "@/components/PostMeta.tsx";
import { Seo } from "@/components/Seo.tsx";

const POSTS_PER_PAGE = 10;

interface BlogIndexData {
  posts: BlogPost[];
  cursor: string | null;
  nextCursor: string | null;
  /** The cursor in the address was not valid; showing the first page. */
  badCursor: boolean;
}

export const handler = define.handlers<BlogIndexData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const cursor = ctx.url.searchParams.get("cursor") || null;
    try {
      const page = await listPosts(kv, {
        cursor: cursor ?? undefined,
        limit: POSTS_PER_PAGE,
      });
      return ctx.render({ ...page, cursor, badCursor: false });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = await listPosts(kv, { limit: POSTS_PER_PAGE });
      return ctx.render({ ...page, cursor: null, badCursor: true });
    }
  },
});

export default define.page<typeof handler>(function BlogIndexPage(
  { data, state },
) {
  const { posts, cursor, nextCursor, badCursor } = data;
  return (
    <>
      <Seo
        title="Blog"
        description="Advice on learning from experts, preparing for sessions, and teaching what you know, from the TapTime team and community."
        siteUrl={state.siteUrl}
        path={cursor ? `/blog?cursor=${encodeURIComponent(cursor)}` : "/blog"}
      />
      <PageHeader
        eyebrow="Blog"
        title="Ideas for learning faster"
        intro="Practical advice on getting the most from expert sessions, and on teaching what you know."
      />
      <Container width="narrow" class="py-10">
        {badCursor && (
          <div class="mb-6">
            <Notice tone="info" title="Showing the latest posts">
              The page link you followed wasn't valid, so here is the first page
              instead.
            </Notice>
          </div>
        )}
        {posts.length === 0
          ? <p class="text-lg text-slate-700">No posts yet. Check back soon.</p>
          : (
            <ul class="divide-y divide-slate-200">
              {posts.map((post) => (
                <li key={post.slug} class="py-8 first:pt-0">
                  <article>
                    <h2 class="text-2xl font-bold tracking-tight text-slate-900">
                      <a
                        href={`/blog/${encodeURIComponent(post.slug)}`}
                        class="hover:text-brand-800 hover:underline"
                      >
                        {post.title}
                      </a>
                    </h2>
                    <PostMeta post={post} />
                    <p class="mt-3 text-lg text-slate-700">{post.excerpt}</p>
                  </article>
                </li>
              ))}
            </ul>
          )}
        <Pagination
          label="Blog pages"
          nextHref={nextCursor
            ? `/blog?cursor=${encodeURIComponent(nextCursor)}`
            : null}
          firstHref={cursor ? "/blog" : null}
        />
      </Container>
    </>
  );
});
