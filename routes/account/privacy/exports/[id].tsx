/**
 * GET /account/privacy/exports/:id?token=…: the ZIP of a data export, for
 * its owner only (signed in, with the secret from the emailed link). An
 * expired link answers 410 with a page saying how to get a new one.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { ExportExpiredError, openExport } from "@/services/privacy/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";

interface ProblemData {
  title: string;
  message: string;
}

export const handler = define.handlers<ProblemData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const token = ctx.url.searchParams.get("token") ?? "";
    try {
      const found = await openExport(
        ctx.state.kv,
        user.id,
        ctx.params.id,
        token,
      );
      return new Response(found.body, {
        headers: {
          "content-type": "application/zip",
          "content-length": String(found.size),
          "content-disposition": `attachment; filename="${found.name}"`,
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
        },
      });
    } catch (error) {
      if (error instanceof ExportExpiredError) {
        return ctx.render({
          title: "This download link has expired",
          message: error.message,
        }, { status: 410 });
      }
      if (error instanceof NotFoundError) {
        return ctx.render({
          title: "No export here",
          message: error.message,
        }, { status: 404 });
      }
      throw error;
    }
  },
});

export default define.page<typeof handler>(function ExportProblem(
  { data, state, url },
) {
  return (
    <>
      <Seo
        title={data.title}
        description="Downloading your TapTime data."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Your data" title={data.title} />
      <Container width="narrow" class="space-y-6 py-10">
        <Notice tone="error">{data.message}</Notice>
        <ButtonLink href="/account/privacy">Go to your privacy page</ButtonLink>
      </Container>
    </>
  );
});
