/**
 * The blog editor's helpers: the live preview (the public blog's own
 * sanitising renderer, so the preview is exactly what readers will see)
 * and image uploads (stored through services/storage, type read from the
 * bytes), which answer with the Markdown to insert.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  blogImageMarkdown,
  MAX_BLOG_IMAGE_BYTES,
  renderMarkdown,
  uploadBlogImage,
} from "@/services/content/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { readUploadForm, textField } from "@/api/uploads.ts";
import { defineRoute, errorDoc, json, jsonBody } from "@/api/route.ts";

const admin = adminWithTwoFactor;

const previewRoute = defineRoute({
  method: "post",
  path: "/admin/blog/preview",
  operationId: "adminPreviewBlogMarkdown",
  summary: "Render a post's Markdown as the blog would",
  description:
    "The same sanitising renderer as the public blog: no scripts, styles or event handlers; images only from this site.",
  "x-access": admin,
  request: {
    body: jsonBody(z.object({ markdown: z.string().max(50_000) })),
  },
  responses: {
    200: json("The HTML.", z.object({ html: z.string() })),
  },
});

const imageSchema = z.object({
  url: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  markdown: z.string(),
}).meta({ id: "BlogImage" });

const uploadRoute = defineRoute({
  method: "post",
  path: "/admin/blog/images",
  operationId: "adminUploadBlogImage",
  summary: "Upload an image for a blog post",
  description:
    `multipart/form-data with the image in the field \`file\` (PNG, JPEG or WebP, processed: metadata stripped, resized, stored as AVIF, WebP and JPEG; up to ${
      MAX_BLOG_IMAGE_BYTES / 1024 / 1024
    } MB, its type read from its bytes) and an optional \`alt\` text. Answers with its public URL and the Markdown to insert.`,
  "x-access": admin,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: {
              file: { type: "string", format: "binary" },
              alt: { type: "string" },
            },
          },
        },
      },
    },
  },
  responses: {
    201: json("Stored.", z.object({ image: imageSchema })),
    400: errorDoc(
      "Not multipart, no file, or the file is empty, too large, of another type or disguised (details.file says which).",
    ),
  },
});

export function blogAdminRoutes(api: ApiApp): void {
  api.openapi(previewRoute, (c) => {
    return c.json({ html: renderMarkdown(c.req.valid("json").markdown) }, 200);
  });

  api.openapi(uploadRoute, async (c) => {
    const { file, form } = await readUploadForm(c, {
      noun: "image",
      verb: "upload",
    });
    const alt = textField(form, "alt");
    const image = await uploadBlogImage(
      c.env.kv,
      currentUser(c).id,
      file,
      c.env.meta,
    );
    return c.json({
      image: {
        url: image.url,
        contentType: image.contentType,
        size: image.size,
        markdown: blogImageMarkdown(alt, image.url),
      },
    }, 201);
  });
}
