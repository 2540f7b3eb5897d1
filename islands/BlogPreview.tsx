/**
 * The blog editor's live preview and image upload. The preview is rendered
 * by the server (the public blog's own sanitising renderer) as the admin
 * types, a moment after they pause; an uploaded image's Markdown is
 * inserted where the cursor is. Without JavaScript the editor's "Preview"
 * button renders the same preview with the page.
 */
import { useEffect, useRef, useState } from "preact/hooks";

export interface BlogPreviewProps {
  /** The id of the server-rendered Markdown `<textarea>`. */
  textareaId: string;
  /** The preview of the Markdown the page was rendered with. */
  initialHtml: string;
}

const PAUSE_MS = 400;
const LABEL = "mb-1 block text-sm font-medium text-slate-900";
const CONTROL =
  "block w-full rounded-md border border-slate-400 px-3 py-2 text-slate-900";

export default function BlogPreview(
  { textareaId, initialHtml }: BlogPreviewProps,
) {
  const [html, setHtml] = useState(initialHtml);
  const [status, setStatus] = useState("");
  const [uploadError, setUploadError] = useState("");
  const [uploading, setUploading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
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
    return () => {
      clearTimeout(timer);
      textarea.removeEventListener("input", changed);
    };
  }, [textareaId]);

  const upload = async () => {
    const textarea = document.getElementById(textareaId);
    const file = fileRef.current?.files?.[0];
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    if (!file) {
      setUploadError("Choose an image first.");
      return;
    }
    setUploading(true);
    setUploadError("");
    const form = new FormData();
    form.set("file", file);
    form.set("alt", altRef.current?.value ?? "");
    try {
      const response = await fetch("/api/admin/blog/images", {
        method: "POST",
        headers: { accept: "application/json" },
        body: form,
      });
      const body = await response.json();
      if (!response.ok) {
        setUploadError(
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
      if (fileRef.current) fileRef.current.value = "";
      if (altRef.current) altRef.current.value = "";
      setStatus("Image uploaded and inserted into the post.");
    } catch {
      setUploadError("The upload failed; check the connection and try again.");
    } finally {
      setUploading(false);
    }
  };

  return (
    <div class="space-y-4">
      <div class="rounded-lg border border-slate-200 p-4">
        <h3 class="font-semibold text-slate-900">Insert an image</h3>
        <p class="text-sm text-slate-700">
          PNG, JPEG or WebP up to 5 MB. Describe it for people who can't see it.
        </p>
        <div class="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <label for="blog-image-file" class={LABEL}>Image</label>
            <input
              id="blog-image-file"
              ref={fileRef}
              type="file"
              accept="image/png,image/jpeg,image/webp"
              class="block w-full text-sm"
              aria-describedby="blog-image-error"
            />
          </div>
          <div>
            <label for="blog-image-alt" class={LABEL}>Description</label>
            <input
              id="blog-image-alt"
              ref={altRef}
              type="text"
              class={CONTROL}
            />
          </div>
        </div>
        <p id="blog-image-error" role="alert" class="mt-2 text-sm text-red-800">
          {uploadError}
        </p>
        <button
          type="button"
          onClick={upload}
          disabled={uploading}
          class="mt-2 rounded-md border border-brand-800 px-4 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50"
        >
          {uploading ? "Uploading…" : "Upload and insert"}
        </button>
      </div>
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
    </div>
  );
}
