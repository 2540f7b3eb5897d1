import { define } from "@/web/define.ts";
import {
  type BlogPost,
  getPost,
  renderMarkdown,
} from "@/services/content/mod.ts";
import { Container } from "@/components/Layout.tsx";
import { PostMeta } from "@/components/PostMeta.tsx";
import { canonicalUrl, JsonLd, Seo } from "@/components/Seo.tsx";

interface PostData {
  post: BlogPost;
  /** Sanitized by renderMarkdown, so it is safe to insert as HTML. */
  bodyHtml: string;
}

export const handler = define.handlers<PostData>({
  async GET(_req, ctx) {
    const post = await getPost(ctx.state.kv, ctx.params.slug);
    if (!post) return ctx.renderNotFound();
    return ctx.render({ post, bodyHtml: renderMarkdown(post.bodyMarkdown) });
  },
});

export default define.page<typeof handler>(function BlogPostPage(
  { data, state },
) {
  const { post, bodyHtml } = data;
  const path = `/blog/${encodeURIComponent(post.slug)}`;
  return (
    <>
      <Seo
        title={post.title}
        description={post.excerpt}
        siteUrl={state.siteUrl}
        path={path}
        type="article"
      />
      <JsonLd
        data={{
          "@context": "https://schema.org",
          "@type": "BlogPosting",
          headline: post.title,
          description: post.excerpt,
          author: { "@type": "Person", name: post.author },
          datePublished: post.publishedAt,
          keywords: post.tags.join(", "),
          mainEntityOfPage: canonicalUrl(state.siteUrl, path),
        }}
      />
      <Container width="narrow" class="py-10 sm:py-14">
        <article>
          <p>
            <a
              href="/blog"
              class="text-sm font-medium text-brand-800 underline hover:text-brand-950"
            >
              <span aria-hidden="true">←</span> All posts
            </a>
          </p>
          <header class="mt-6 border-b border-slate-200 pb-6">
            <h1 class="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
              {post.title}
            </h1>
            <PostMeta post={post} />
          </header>
          <div
            class="prose mt-8"
            // deno-lint-ignore react-no-danger
            dangerouslySetInnerHTML={{ __html: bodyHtml }}
          />
          {post.tags.length > 0 && (
            <ul
              class="mt-10 flex flex-wrap gap-2 border-t border-slate-200 pt-6"
              aria-label="Tags"
            >
              {post.tags.map((tag) => (
                <li
                  key={tag}
                  class="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800"
                >
                  #{tag}
                </li>
              ))}
            </ul>
          )}
        </article>
      </Container>
    </>
  );
});
