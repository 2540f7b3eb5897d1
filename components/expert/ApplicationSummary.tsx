import {
  type ApplicationView,
  expertPhotoUrl,
} from "@/services/applications/mod.ts";
import type { Category } from "@/services/categories/mod.ts";
import type { Offering } from "@/services/offerings/mod.ts";
import { languageName } from "@/web/format.ts";
import { describeOffering } from "@/web/format.ts";
import { DocumentList } from "./DocumentList.tsx";

function Row({ label, children }: { label: string; children: unknown }) {
  return (
    <div class="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt class="font-semibold text-slate-900">{label}</dt>
      <dd class="min-w-0 break-words text-slate-800">
        {children as string}
      </dd>
    </div>
  );
}

const MISSING = <span class="text-slate-700">Not given</span>;

/**
 * Everything an application holds, read-only: the expert's review page and
 * the admin's review screen. Text is rendered as text, never HTML.
 */
export function ApplicationSummary(
  { application, categories, offerings, documentHref }: {
    application: ApplicationView;
    /** Every category, retired included, to name the chosen ids. */
    categories: Category[];
    offerings: Offering[];
    documentHref: (documentId: string) => string;
  },
) {
  const categoryName = (id: string) =>
    categories.find((category) => category.id === id)?.name ?? id;
  return (
    <div class="space-y-6">
      <section aria-labelledby="summary-profile">
        <h3 id="summary-profile" class="font-semibold text-slate-900">
          Profile
        </h3>
        <dl class="divide-y divide-slate-100">
          <Row label="Headline">{application.headline ?? MISSING}</Row>
          <Row label="About">
            {application.bio
              ? <span class="whitespace-pre-line">{application.bio}</span>
              : MISSING}
          </Row>
          <Row label="Years of experience">
            {application.yearsExperience ?? MISSING}
          </Row>
          <Row label="Languages">
            {application.languages?.map(languageName).join(", ") || MISSING}
          </Row>
          <Row label="LinkedIn or website">
            {application.linkedinOrWebsite ?? MISSING}
          </Row>
          <Row label="Location">{application.location ?? MISSING}</Row>
          <Row label="Photo">
            {/* Shown, not just noted: approval makes this photo public. */}
            {application.photoFileKey
              ? (
                <img
                  src={expertPhotoUrl(application.photoFileKey)}
                  alt="The photo uploaded with this application"
                  width={160}
                  height={160}
                  class="size-40 rounded-lg border border-slate-200 object-cover"
                />
              )
              : MISSING}
          </Row>
        </dl>
      </section>
      <section aria-labelledby="summary-expertise">
        <h3 id="summary-expertise" class="font-semibold text-slate-900">
          Expertise
        </h3>
        <dl class="divide-y divide-slate-100">
          <Row label="Categories">
            {application.categoryIds?.map(categoryName).join(", ") || MISSING}
          </Row>
          <Row label="Skills">
            {application.skills?.join(", ") || MISSING}
          </Row>
        </dl>
      </section>
      <section aria-labelledby="summary-offerings">
        <h3 id="summary-offerings" class="font-semibold text-slate-900">
          Offerings
        </h3>
        {offerings.length === 0 ? <p>{MISSING}</p> : (
          <ul class="list-disc pl-6">
            {offerings.map((offering) => (
              <li key={offering.id}>
                {`${offering.title}: ${describeOffering(offering)}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="summary-documents" class="space-y-2">
        <h3 id="summary-documents" class="font-semibold text-slate-900">
          Credentials
        </h3>
        <DocumentList
          documents={application.documents}
          hrefFor={documentHref}
          removeAction={null}
        />
      </section>
    </div>
  );
}
