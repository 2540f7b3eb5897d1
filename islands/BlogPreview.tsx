/**
 * The blog editor's live preview and image upload, two islands.
 *
 * `BlogPreview` (the default): the preview, rendered by the server (the
 * public blog's own sanitising renderer) as the admin types, a moment
 * after they pause. Without JavaScript the editor's "Preview" button
 * renders the same preview with the page.
 *
 * `BlogImageUpload`: the image fields inside the editor's multipart form.
 * Without JavaScript its button submits the whole form, and the page
 * processes the image and adds its Markdown at the end of the post; with
 * it, the image goes to the upload API (the same service) and its Markdown
 * is inserted where the cursor is, without leaving the page.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { FileField } from "@/components/form/inputs.tsx";
import { controlAttributes, Field } from "@/components/form/Field.tsx";
import { Button } from "@/components/Button.tsx";

export interface BlogPreviewProps {
  /** The id of the server-rendered Markdown `<textarea>`. */
  textareaId: string;
  /** The preview of the Markdown the page was rendered with. */
  initialHtml: string;
}

const PAUSE_MS = 400;

/**
 * The accepted types, as the file input's `accept` says: the server's list
 * (a test holds them equal), written out so the island does not ship the
 * image codecs.
 */
export const BLOG_IMAGE_ACCEPT = "image/png,image/jpeg,image/webp";

export default function BlogPreview(
  { textareaId, initialHtml }: BlogPreviewProps,
) {
  const [html, setHtml] = useState(initialHtml);
  const [status, setStatus] = useState("");
  const latest = useRef(0);

  useEffect(() => {
    const textarea = document.getElementById(textareaId);
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const render = async () => {
      const ticket = ++latest.current;
      try {
        const response = await fetch("/api/admin/blog/preview", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
          },
          body: JSON.stringify({ markdown: textarea.value }),
        });
        if (!response.ok) throw new Error(String(response.status));
        const body = await response.json() as { html: string };
        if (ticket !== latest.current) return;
        setHtml(body.html);
        setStatus("Preview updated.");
      } catch {
        if (ticket === latest.current) {
          setStatus("The preview could not be updated; it will try again.");
        }
      }
    };
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(render, PAUSE_MS);
    };
    textarea.addEventListener("input", changed);
    // On a slow connection the admin may type before this island starts;
    // what they typed then would otherwise wait for their next keystroke.
    if (textarea.value !== textarea.defaultValue) changed();
    return () => {
      clearTimeout(timer);
      textarea.removeEventListener("input", changed);
    };
  }, [textareaId]);

  return (
    <section aria-labelledby="blog-preview-heading">
      <h3 id="blog-preview-heading" class="font-semibold text-slate-900">
        Preview
      </h3>
      <p role="status" class="sr-only">{status}</p>
      <div
        id="blog-preview"
        class="prose mt-2 rounded-lg border border-slate-200 bg-white p-4"
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </section>
  );
}

const ALT_HINT = "What the image shows, for people who can't see it.";

export interface BlogImageUploadProps {
  /** The id of the server-rendered Markdown `<textarea>`. */
  textareaId: string;
  /** The description typed before a refused upload. */
  alt: string;
  /** Why the page refused the last upload. */
  error?: string;
}

export function BlogImageUpload(
  { textareaId, alt: initialAlt, error: initialError }: BlogImageUploadProps,
) {
  const [error, setError] = useState(initialError ?? "");
  const [alt, setAlt] = useState(initialAlt);
  const [uploading, setUploading] = useState(false);
  const [done, setDone] = useState("");
  const box = useRef<HTMLFieldSetElement>(null);

  const upload = async (event: Event) => {
    const textarea = document.getElementById(textareaId);
    const fileInput = box.current?.querySelector<HTMLInputElement>(
      "input[type=file]",
    );
    if (!(textarea instanceof HTMLTextAreaElement) || !fileInput) return;
    event.preventDefault();
    const file = fileInput.files?.[0];
    setDone("");
    if (!file) {
      setError("Choose an image to upload.");
      return;
    }
    setUploading(true);
    setError("");
    const form = new FormData();
    form.set("file", file);
    form.set("alt", alt);
    try {
      const response = await fetch("/api/admin/blog/images", {
        method: "POST",
        headers: { accept: "application/json" },
        body: form,
      });
      const body = await response.json();
      if (!response.ok) {
        setError(
          body.details?.file?.[0] ?? body.message ??
            "The image was not accepted.",
        );
        return;
      }
      const markdown = `\n\n${body.image.markdown}\n\n`;
      const at = textarea.selectionEnd ?? textarea.value.length;
      textarea.value = textarea.value.slice(0, at) + markdown +
        textarea.value.slice(at);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      fileInput.value = "";
      setAlt("");
      setDone("Image uploaded and inserted into the post.");
    } catch {
      setError("The upload failed; check the connection and try again.");
    } finally {
      setUploading(false);
    }
  };

  return (
    <fieldset
      ref={box}
      class="space-y-3 rounded-lg border border-slate-200 p-4"
      aria-describedby="blog-image-about"
    >
      <legend class="px-1 font-semibold text-slate-900">Insert an image</legend>
      <p id="blog-image-about" class="text-sm text-slate-700">
        PNG, JPEG or WebP up to 5 MB. It is resized for the blog and its camera
        details (such as location) are removed.
      </p>
      <div class="grid gap-3 sm:grid-cols-2">
        <FileField
          name="image"
          id="blog-image-file"
          label="Image"
          optional={false}
          accept={BLOG_IMAGE_ACCEPT}
          error={error || undefined}
        />
        <Field
          name="imageAlt"
          id="blog-image-alt"
          label="Description"
          hint={ALT_HINT}
        >
          <input
            {...controlAttributes({
              name: "imageAlt",
              id: "blog-image-alt",
              hint: ALT_HINT,
            })}
            type="text"
            maxLength={200}
            value={alt}
            onInput={(event) => setAlt(event.currentTarget.value)}
          />
        </Field>
      </div>
      <p role="status" class="text-sm text-emerald-800">{done}</p>
      <Button
        name="action"
        value="upload"
        variant="secondary"
        disabled={uploading}
        onClick={upload}
      >
        {uploading ? "Uploading…" : "Upload and insert"}
      </Button>
    </fieldset>
  );
}
