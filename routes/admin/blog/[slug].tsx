/**
 * Editing one blog post (draft or published): save, preview without
 * saving, add an image (see components/blog/editor_upload.ts), publish
 * or take back to draft, delete. A save based on an older
 * version than the one stored is refused rather than overwriting it.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { readForm } from "@/web/forms.ts";
import { isPayloadTooLarge } from "@/middleware/body_limit.ts";
import { seeOther } from "@/web/navigation.ts";
import {
  deleteBlogPost,
  getPostRecord,
  renderMarkdown,
  updateBlogPost,
} from "@/services/content/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import {
  type BlogEditorState,
  PostEditor,
} from "@/components/blog/PostEditor.tsx";
import {
  imageStep,
  tooLargeState,
  UPLOAD_ACTION,
  uploadedState,
} from "@/components/blog/editor_upload.ts";
import {
  postFailure,
  postValues,
  readPostValues,
  toDraft,
} from "@/web/blog_form.ts";

interface EditData extends BlogEditorState {
  slug: string;
  published: boolean;
  everPublished: boolean;
}

const DONE: Record<string, string> = {
  draft: "Saved as a draft. It is not on the blog.",
  published: "Saved and published: it is on the blog now.",
};

export const handler = define.handlers<EditData>({
  async GET(_req, ctx) {
    const post = await getPostRecord(ctx.state.kv, ctx.params.slug);
    if (!post) return ctx.renderNotFound();
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render({
      slug: post.slug,
      published: post.status === "published",
      everPublished: Boolean(post.publishedAt),
      values: postValues(post),
      errors: {},
      notice: done ? { tone: "success", text: done } : null,
      previewHtml: renderMarkdown(post.bodyMarkdown),
    });
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const { kv } = ctx.state;
    const slug = ctx.params.slug;
    const post = await getPostRecord(kv, slug);
    if (!post) return ctx.renderNotFound();
    const page = {
      slug,
      published: post.status === "published",
      everPublished: Boolean(post.publishedAt),
    };
    let form: FormData;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      return ctx.render({ ...page, ...tooLargeState(postValues(post)) }, {
        status: 413,
      });
    }
    if (form.get("action") === "delete") {
      await deleteBlogPost(kv, admin.id, slug, requestMeta(ctx));
      return seeOther("/admin/blog?done=deleted");
    }
    const step = await imageStep(
      kv,
      admin.id,
      form,
      readPostValues(form),
      requestMeta(ctx),
    );
    if (step.kind === "refused") {
      return ctx.render({ ...page, ...step.state }, { status: step.status });
    }
    const { values } = step;
    if (form.get("action") === UPLOAD_ACTION) {
      return ctx.render({ ...page, ...uploadedState(values) });
    }
    const base = {
      ...page,
      values,
      previewHtml: renderMarkdown(values.bodyMarkdown),
    };
    if (form.get("action") === "preview") {
      return ctx.render({
        ...base,
        errors: {},
        notice: { tone: "info", text: "Not saved yet: this is a preview." },
      });
    }
    try {
      const saved = await updateBlogPost(
        kv,
        admin.id,
        slug,
        toDraft(values),
        requestMeta(ctx),
        values.basedOn || undefined,
      );
      return seeOther(
        `/admin/blog/${encodeURIComponent(saved.slug)}?done=${saved.status}`,
      );
    } catch (error) {
      const failure = postFailure(error, values);
      return ctx.render(
        { ...base, errors: failure.errors, notice: failure.notice },
        { status: failure.status },
      );
    }
  },
});

export default define.page<typeof handler>(function EditPost({ data }) {
  const path = `/admin/blog/${encodeURIComponent(data.slug)}`;
  return (
    <>
      <p>
        <a
          href="/admin/blog"
          class="text-sm font-medium text-brand-800 underline"
        >
          <span aria-hidden="true">←</span> All posts
        </a>
        {data.published && (
          <>
            {" · "}
            <a
              href={`/blog/${encodeURIComponent(data.slug)}`}
              class="text-sm font-medium text-brand-800 underline"
            >
              View on the blog
            </a>
          </>
        )}
      </p>
      <Card title="Edit blog post" id="editor">
        <PostEditor
          action={path}
          state={data}
          slugLocked={data.everPublished}
        />
      </Card>
      <Card title="Delete this post" id="delete">
        <p class="text-sm text-slate-700">
          It leaves the blog at once and cannot be brought back. To take it off
          the blog but keep it, save it as a draft instead.
        </p>
        <form method="post" action={path}>
          <input type="hidden" name="action" value="delete" />
          <Button variant="secondary">Delete post</Button>
        </form>
      </Card>
    </>
  );
});
