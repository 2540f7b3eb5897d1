/**
 * An expert's own workspace: the application (steps, documents, submit),
 * offerings, and — once approved — the live public profile. Every route
 * acts on the caller's own records: ids in paths are looked up under the
 * caller's user id, so another expert's id simply is not found (404).
 */
import type { Hono } from "hono";
import {
  addApplicationDocument,
  type ApplicationDocument,
  type ApplicationPatch,
  type ApplicationView,
  getApplication,
  getApplicationDocument,
  type ProfilePatch,
  removeApplicationDocument,
  saveApplication,
  submitApplication,
  updateExpertProfile,
} from "@/services/applications/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import {
  createOffering,
  deleteOffering,
  listOfferings,
  type OfferingInput,
  type OfferingPatch,
  updateOffering,
} from "@/services/offerings/mod.ts";
import { profileCompleteness } from "@/services/applications/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";
import { PayloadTooLargeError } from "@/middleware/body_limit.ts";
import { ApiError } from "@/api/errors.ts";
import {
  type ApiContext,
  type ApiEnv,
  currentUser,
  emptyResponse,
  readJson,
  readQuery,
} from "@/api/http.ts";
import { offeringListQuerySchema } from "@/api/schemas.ts";

/** Ids we generate are ULIDs; anything far longer names nothing (and would not fit a KV key). */
const MAX_ID_LENGTH = 64;

/** The path parameter `name`, or a 404 when it cannot be one of our ids. */
export function pathId(c: ApiContext, name: string, what: string): string {
  const id = c.req.param(name) ?? "";
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new ApiError(404, "not_found", `No such ${what}.`);
  }
  return id;
}

/** A document as clients see it: its storage key stays on the server. */
export function publicDocument(document: ApplicationDocument) {
  const { fileKey: _fileKey, ...rest } = document;
  return rest;
}

/** An application as clients see it. */
export function publicApplication(application: ApplicationView) {
  const { statusEntryId: _statusEntryId, ...rest } = application;
  return { ...rest, documents: application.documents.map(publicDocument) };
}

/** The JSON object of a body, refusing arrays and primitives with a 400. */
async function readObject(c: ApiContext): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      "validation_error",
      "The request body must be a JSON object.",
    );
  }
  return body as Record<string, unknown>;
}

/**
 * The `file` field of a multipart/form-data body. Anything else (another
 * content type, a malformed body, a missing or text-only field) is a 400.
 */
async function readUploadedFile(c: ApiContext): Promise<File> {
  const contentType = c.req.header("content-type") ?? "";
  const refuse = (reason: string): never => {
    throw new ApiError(400, "validation_error", "The file was not accepted.", {
      file: [reason],
    });
  };
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    refuse("Send the file as multipart/form-data in a field named file.");
  }
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    return refuse("The multipart body could not be read.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    return refuse("Choose a file to upload in the field named file.");
  }
  return file;
}

/** Registers /api/expert/* on `api`. */
export function expertRoutes(api: Hono<ApiEnv>): void {
  // --- The application ---------------------------------------------------

  api.get("/expert/application", async (c) => {
    const application = await getApplication(c.env.kv, currentUser(c).id);
    return c.json({ application: publicApplication(application) });
  });

  api.put("/expert/application", async (c) => {
    // The service validates every field (and refuses unknown ones).
    const patch = await readObject(c) as ApplicationPatch;
    const application = await saveApplication(
      c.env.kv,
      currentUser(c).id,
      patch,
    );
    return c.json({ application: publicApplication(application) });
  });

  api.post("/expert/application/documents", async (c) => {
    const file = await readUploadedFile(c);
    const document = await addApplicationDocument(
      c.env.kv,
      currentUser(c).id,
      file,
    );
    return c.json({ document: publicDocument(document) }, 201);
  });

  api.get("/expert/application/documents/:id", async (c) => {
    const id = pathId(c, "id", "document");
    const found = await getApplicationDocument(
      c.env.kv,
      currentUser(c).id,
      id,
    );
    if (found === null) {
      throw new ApiError(404, "not_found", "No such document.");
    }
    return fileResponse(found, { filename: found.document.name });
  });

  api.delete("/expert/application/documents/:id", async (c) => {
    const id = pathId(c, "id", "document");
    await removeApplicationDocument(c.env.kv, currentUser(c).id, id);
    return emptyResponse();
  });

  api.post("/expert/application/submit", async (c) => {
    const application = await submitApplication(c.env.kv, currentUser(c).id);
    return c.json({ application: publicApplication(application) });
  });

  // --- Offerings -----------------------------------------------------------

  api.get("/expert/offerings", async (c) => {
    const { includeInactive } = readQuery(c, offeringListQuerySchema);
    const offerings = await listOfferings(c.env.kv, currentUser(c).id, {
      includeInactive: includeInactive === "true",
    });
    return c.json({ offerings });
  });

  api.post("/expert/offerings", async (c) => {
    const input = await readObject(c) as OfferingInput;
    const offering = await createOffering(c.env.kv, currentUser(c).id, input);
    return c.json({ offering }, 201);
  });

  api.patch("/expert/offerings/:id", async (c) => {
    const id = pathId(c, "id", "offering");
    const patch = await readObject(c) as OfferingPatch;
    const offering = await updateOffering(
      c.env.kv,
      currentUser(c).id,
      id,
      patch,
    );
    return c.json({ offering });
  });

  api.delete("/expert/offerings/:id", async (c) => {
    const id = pathId(c, "id", "offering");
    await deleteOffering(c.env.kv, currentUser(c).id, id);
    return emptyResponse();
  });

  // --- The live profile (approved experts) ---------------------------------

  api.get("/expert/profile", async (c) => {
    return c.json(await liveProfile(c, currentUser(c).id));
  });

  api.patch("/expert/profile", async (c) => {
    const patch = await readObject(c) as ProfilePatch;
    await updateExpertProfile(c.env.kv, currentUser(c).id, patch);
    return c.json(await liveProfile(c, currentUser(c).id));
  });
}

/** The expert's public profile with its completeness checklist, or a 404 before approval. */
async function liveProfile(c: ApiContext, userId: string) {
  const profile = await getExpert(c.env.kv, userId);
  if (profile === null) {
    throw new ApiError(
      404,
      "not_found",
      "You have no public profile yet: it is created when your application is approved.",
    );
  }
  const offerings = await listOfferings(c.env.kv, userId);
  return {
    profile,
    offerings,
    completeness: profileCompleteness(profile, offerings),
  };
}
