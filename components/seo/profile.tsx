/**
 * A profile's structured data: the `ProfilePage` about the expert, and the
 * `BreadcrumbList` of the breadcrumb the page shows (Experts › name).
 */
import type { ExpertProfile } from "@/services/experts/mod.ts";
import {
  breadcrumbJsonLd,
  JsonLd,
  type ProfileContext,
  profilePageJsonLd,
} from "./json_ld.tsx";

export function ProfileJsonLd(
  { expert, context }: { expert: ExpertProfile; context: ProfileContext },
) {
  return (
    <>
      <JsonLd data={profilePageJsonLd(expert, context)} />
      <JsonLd
        data={breadcrumbJsonLd(context.siteUrl, [
          { name: "Experts", path: "/experts" },
          { name: expert.name, path: context.path },
        ])}
      />
    </>
  );
}
