/**
 * The admin review queue: list applications, open one (with its offerings
 * and documents), decide (approve, reject, request changes), and unpublish
 * or republish an approved expert. The access table allows only admins with
 * 2FA; documents are streamed from here to admins and never publicly.
 */
import type { Hono } from "hono";
import {
  type ApplicationStatus,
  type ApplicationView,
  approveApplication,
  getApplication,
  getApplicationDocument,
  listApplications,
  rejectApplication,
  republishExpert,
  requestChanges,
  unpublishExpert,
} from "@/services/applications/mod.ts";
import type { RequestMeta } from "@/services/auth/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  type ApiContext,
  type ApiEnv,
  currentUser,
  readQuery,
} from "@/api/http.ts";
import { applicationListQuerySchema } from "@/api/schemas.ts";
import { pathId, publicApplication } from "./expert.ts";

/**
 * A decision's `{ note }` body. An empty body counts as `{}`, so approving
 * without a note needs no body; the service says whether a note is required.
 */
async function readNote(c: ApiContext): Promise<{ note?: string }> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "invalid_json",
      "The request body is not valid JSON.",
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "validation_error", 'Send { "note": "…" }.');
  }
  return body as { note?: string };
}

type Decision = (
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note: string },
  meta: RequestMeta,
) => Promise<ApplicationView>;

/** Registers /api/admin/applications/* and /api/admin/experts/* on `api`. */
export function applicationReviewRoutes(api: Hono<ApiEnv>): void {
  api.get("/admin/applications", async (c) => {
    const query = readQuery(c, applicationListQuerySchema);
    const result = await listApplications(c.env.kv, {
      ...query,
      status: query.status as ApplicationStatus | undefined,
    });
    return c.json({
      applications: result.applications.map((item) => ({
        ...publicApplication(item),
        applicant: item.applicant,
      })),
      nextCursor: result.nextCursor,
    });
  });

  api.get("/admin/applications/:userId", async (c) => {
    const userId = pathId(c, "userId", "application");
    const application = await getApplication(c.env.kv, userId);
    const user = await getUser(c.env.kv, userId);
    const offerings = await listOfferings(c.env.kv, userId);
    return c.json({
      application: publicApplication(application),
      applicant: user ? { name: user.name, email: user.email } : null,
      offerings,
    });
  });

  api.get("/admin/applications/:userId/documents/:docId", async (c) => {
    const userId = pathId(c, "userId", "application");
    const docId = pathId(c, "docId", "document");
    const found = await getApplicationDocument(c.env.kv, userId, docId);
    if (found === null) {
      throw new ApiError(404, "not_found", "No such document.");
    }
    return fileResponse(found, { filename: found.document.name });
  });

  const decisions: [string, string, Decision][] = [
    ["/admin/applications/:userId/approve", "userId", approveApplication],
    ["/admin/applications/:userId/reject", "userId", rejectApplication],
    ["/admin/applications/:userId/request-changes", "userId", requestChanges],
    ["/admin/experts/:id/unpublish", "id", unpublishExpert],
    ["/admin/experts/:id/republish", "id", republishExpert],
  ];
  for (const [path, param, decide] of decisions) {
    api.post(path, async (c) => {
      const userId = pathId(c, param, "application");
      // The service validates the note (required for reject, request-changes and unpublish).
      const input = await readNote(c) as { note: string };
      const application = await decide(
        c.env.kv,
        currentUser(c).id,
        userId,
        input,
        c.env.meta,
      );
      return c.json({ application: publicApplication(application) });
    });
  }
}
