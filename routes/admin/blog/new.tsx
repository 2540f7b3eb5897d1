/**
 * Writing a new blog post: saved as a draft (only admins see it) or
 * published at once. "Preview" renders the Markdown without saving;
 * "Upload and insert" adds an image (see components/blog/editor_upload.ts).
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { readForm } from "@/web/forms.ts";
import { isPayloadTooLarge } from "@/middleware/body_limit.ts";
import { seeOther } from "@/web/navigation.ts";
import { createBlogPost, renderMarkdown } from "@/services/content/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
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
  emptyPostValues,
  postFailure,
  readPostValues,
  toDraft,
} from "@/web/blog_form.ts";

export const handler = define.handlers<BlogEditorState>({
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
    let form: FormData;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      return ctx.render(tooLargeState(emptyPostValues(admin.name)), {
        status: 413,
      });
    }
    const step = await imageStep(
      ctx.state.kv,
      admin.id,
      form,
      readPostValues(form),
      requestMeta(ctx),
    );
    if (step.kind === "refused") {
      return ctx.render(step.state, { status: step.status });
    }
    const { values } = step;
    if (form.get("action") === UPLOAD_ACTION) {
      return ctx.render(uploadedState(values));
    }
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
      const failure = postFailure(error, values);
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
