import { define } from "@/web/define.ts";
import {
  type BlogPost,
  getPost,
  renderMarkdown,
} from "@/services/content/mod.ts";
import { Container } from "@/components/Layout.tsx";
import { PostMeta } from "@/components/PostMeta.tsx";
import { JsonLd, Seo } from "@/components/Seo.tsx";
import { blogPostingJsonLd } from "@/components/seo/json_ld.tsx";
import { normalizeText, searchExperts } from "@/services/experts/mod.ts";
import { postShareImage } from "@/web/share_cards.ts";

interface PostData {
  post: BlogPost;
  /** Sanitized by renderMarkdown, so it is safe to insert as HTML. */
  bodyHtml: string;
  /** The author's profile, when the author is an expert here. */
  authorPath: string | null;
}

export const handler = define.handlers<PostData>({
  async GET(_req, ctx) {
    const post = await getPost(ctx.state.kv, ctx.params.slug);
    if (!post) return ctx.renderNotFound();
    return ctx.render({
      post,
      bodyHtml: renderMarkdown(post.bodyMarkdown),
      authorPath: await expertProfileOf(ctx.state.kv, post.author),
    });
  },
});

/**
 * The profile of the one published expert named `author`; null when none,
 * or when several share the name (a wrong link is worse than none).
 */
async function expertProfileOf(
  kv: Deno.Kv,
  author: string,
): Promise<string | null> {
  const name = normalizeText(author);
  const { experts } = await searchExperts(kv, { q: author, limit: 10 });
  const named = experts.filter((expert) => normalizeText(expert.name) === name);
  return named.length === 1
    ? `/experts/${encodeURIComponent(named[0].id)}`
    : null;
}

export default define.page<typeof handler>(function BlogPostPage(
  { data, state },
) {
  const { post, bodyHtml, authorPath } = data;
  const path = `/blog/${encodeURIComponent(post.slug)}`;
  const image = postShareImage(post);
  return (
    <>
      <Seo
        title={post.title}
        description={post.excerpt}
        siteUrl={state.siteUrl}
        path={path}
        type="article"
        image={image}
      />
      <JsonLd
        data={blogPostingJsonLd(post, {
          siteUrl: state.siteUrl,
          path,
          image,
          authorPath: authorPath ?? undefined,
        })}
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
            <footer class="mt-10 border-t border-slate-200 pt-6">
              <h2 class="sr-only">Tags</h2>
              <ul class="flex flex-wrap gap-2">
                {post.tags.map((tag) => (
                  <li
                    key={tag}
                    class="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800"
                  >
                    #{tag}
                  </li>
                ))}
              </ul>
            </footer>
          )}
        </article>
      </Container>
    </>
  );
});
