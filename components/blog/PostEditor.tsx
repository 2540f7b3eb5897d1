/**
 * The admin's blog post editor: the fields, the Markdown with its image
 * upload and live preview (the BlogPreview islands; without scripts the
 * form itself uploads, and the "Preview" button renders the preview with
 * the page), draft or published, and save. The form is multipart so an
 * image rides with the text: an upload keeps what was typed.
 */
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import {
  RadioCards,
  TextAreaField,
  TextField,
} from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import BlogPreview, { BlogImageUpload } from "@/islands/BlogPreview.tsx";
import type { PostEditorState } from "@/web/blog_form.ts";

/** The editor's state, with the image fields of a refused upload. */
export interface BlogEditorState extends PostEditorState {
  image?: { alt: string; error?: string };
}

export function PostEditor(
  { action, state, slugLocked }: {
    /** Where the form posts. */
    action: string;
    state: BlogEditorState;
    /** The post was published: its address can no longer change. */
    slugLocked: boolean;
  },
) {
  const { values, errors, notice } = state;
  return (
    <div class="space-y-6">
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        noValidate
        class="space-y-4"
      >
        <input type="hidden" name="basedOn" value={values.basedOn} />
        <FormErrorSummary errors={errors} />
        <TextField
          name="title"
          label="Title"
          required
          maxLength={150}
          value={values.title}
          error={errors.title}
        />
        <TextField
          name="slug"
          label="Slug"
          required
          maxLength={100}
          hint={slugLocked
            ? "The post's address, /blog/<slug>. It was published, so its address stays."
            : "The post's address, /blog/<slug>: lowercase letters, digits and single hyphens, e.g. first-session-tips. It can change until the post is first published."}
          value={values.slug}
          error={errors.slug}
        />
        <TextField
          name="excerpt"
          label="Summary"
          required
          maxLength={400}
          hint="One or two sentences for the blog list and search results."
          value={values.excerpt}
          error={errors.excerpt}
        />
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            name="author"
            label="Author"
            required
            maxLength={100}
            value={values.author}
            error={errors.author}
          />
          <TextField
            name="tags"
            label="Tags"
            hint="Separated by commas, e.g. learning, careers."
            value={values.tags}
            error={errors.tags}
          />
        </div>
        <TextAreaField
          name="bodyMarkdown"
          label="Post (Markdown)"
          required
          rows={16}
          maxLength={50_000}
          hint="Markdown: ## for headings, **bold**, [links](https://…), - lists. The preview below shows it as readers will see it."
          value={values.bodyMarkdown}
          error={errors.bodyMarkdown}
        />
        <BlogImageUpload
          textareaId="bodyMarkdown"
          alt={state.image?.alt ?? ""}
          error={state.image?.error}
        />
        <RadioCards
          name="status"
          legend="Status"
          value={values.status}
          error={errors.status}
          options={[
            {
              value: "draft",
              label: "Draft",
              description:
                "Only admins see it; not on the blog, feed or sitemap.",
            },
            {
              value: "published",
              label: "Published",
              description: "On the blog for everyone as soon as it is saved.",
            },
          ]}
        />
        <div class="flex flex-wrap gap-3">
          <Button name="action" value="save">Save post</Button>
          <Button name="action" value="preview" variant="secondary">
            Preview
          </Button>
        </div>
      </form>
      <BlogPreview textareaId="bodyMarkdown" initialHtml={state.previewHtml} />
    </div>
  );
}
