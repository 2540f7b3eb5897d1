import type { ApplicationDocument } from "@/services/applications/mod.ts";
import { formatInstant, formatSize } from "@/web/format.ts";
import { Button } from "@/components/Button.tsx";

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
};

/**
 * An application's documents, each a link that opens it (`hrefFor`), with a
 * remove button when `removeAction` is given.
 */
export function DocumentList(
  { documents, hrefFor, removeAction }: {
    documents: ApplicationDocument[];
    hrefFor: (documentId: string) => string;
    removeAction: string | null;
  },
) {
  if (documents.length === 0) return <p>No documents uploaded yet.</p>;
  return (
    <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {documents.map((document) => (
        <li
          key={document.id}
          class="flex flex-wrap items-center justify-between gap-3 p-3"
        >
          <div>
            <a
              href={hrefFor(document.id)}
              class="font-semibold text-brand-800 underline"
            >
              {document.name || "Document"}
            </a>
            <p class="text-sm text-slate-700">
              {`${
                TYPE_LABELS[document.contentType] ?? document.contentType
              } · ${formatSize(document.size)} · uploaded ${
                formatInstant(document.uploadedAt)
              }`}
            </p>
          </div>
          {removeAction && (
            <form method="post" action={removeAction}>
              <input type="hidden" name="action" value="remove" />
              <input type="hidden" name="documentId" value={document.id} />
              <Button variant="secondary">
                Remove {document.name || "document"}
              </Button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
