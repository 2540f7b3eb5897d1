/**
 * Writing a new blog post: saved as a draft (only admins see it) or
 * published at once. "Preview" renders the Markdown without saving.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { createBlogPost, renderMarkdown } from "@/services/content/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { PostEditor } from "@/components/blog/PostEditor.tsx";
import {
  emptyPostValues,
  type PostEditorState,
  postFailure,
  readPostValues,
  toDraft,
} from "@/web/blog_form.ts";

export const handler = define.handlers<PostEditorState>({
  GET(_req, ctx) {
    const admin = requireUser(ctx.state);
    return ctx.render({
      values: emptyPostValues(admin.name),
      errors: {},
      notice: null,
      previewHtml: "",
    });
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const form = await readForm(req);
    const values = readPostValues(form);
    const previewHtml = renderMarkdown(values.bodyMarkdown);
    if (form.get("action") === "preview") {
      return ctx.render({
        values,
        errors: {},
        notice: { tone: "info", text: "Not saved yet: this is a preview." },
        previewHtml,
      });
    }
    try {
      const post = await createBlogPost(
        ctx.state.kv,
        admin.id,
        toDraft(values),
        requestMeta(ctx),
      );
      return seeOther(
        `/admin/blog/${encodeURIComponent(post.slug)}?done=${post.status}`,
      );
    } catch (error) {
      const failure = postFailure(error);
      return ctx.render(
        { values, errors: failure.errors, notice: failure.notice, previewHtml },
        { status: failure.status },
      );
    }
  },
});

export default define.page<typeof handler>(function NewPost({ data }) {
  return (
    <Card title="New blog post" id="editor">
      <PostEditor action="/admin/blog/new" state={data} slugLocked={false} />
    </Card>
  );
});
