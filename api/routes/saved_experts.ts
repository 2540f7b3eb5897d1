/**
 * The caller's saved experts: the list (newest saved first, each with the
 * expert's summary), and saving or removing one. PUT and DELETE are
 * idempotent: saving an expert already saved keeps them where they are,
 * removing one not saved changes nothing.
 */
import { z } from "zod";
import { signedIn } from "@/auth/policy.ts";
import { toExpertSummary } from "@/services/experts/mod.ts";
import {
  listSavedExperts,
  MAX_SAVED_EXPERTS,
  savedExpertSchema,
  saveExpert,
  unsaveExpert,
} from "@/services/saved_experts/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  noContent,
} from "@/api/route.ts";
import { expertSummary } from "@/api/schemas.ts";

const expertParams = z.object({
  expertId: idParam("expert", "The expert's id."),
});

const listRoute = defineRoute({
  method: "get",
  path: "/me/saved-experts",
  operationId: "listMySavedExperts",
  summary: "The experts the caller saved, newest saved first",
  description:
    `At most ${MAX_SAVED_EXPERTS}. Experts no longer listed are left out until they are back.`,
  "x-access": signedIn,
  responses: {
    200: json(
      "The saved experts.",
      z.object({
        experts: z.array(savedExpertSchema.extend({ expert: expertSummary })),
      }),
    ),
  },
});

const saveRoute = defineRoute({
  method: "put",
  path: "/me/saved-experts/{expertId}",
  operationId: "saveExpert",
  summary: "Save a listed expert",
  "x-access": signedIn,
  request: { params: expertParams },
  responses: {
    200: json(
      "Saved (or already saved).",
      z.object({ saved: savedExpertSchema }),
    ),
    400: errorDoc(
      `The caller's own profile, or ${MAX_SAVED_EXPERTS} experts saved already (error: validation_error).`,
    ),
    404: errorDoc("No listed expert has this id (error: not_found)."),
    409: errorDoc(
      "The list changed at the same time too often (error: conflict); try again.",
    ),
  },
});

const removeRoute = defineRoute({
  method: "delete",
  path: "/me/saved-experts/{expertId}",
  operationId: "unsaveExpert",
  summary: "Remove an expert from the saved list",
  "x-access": signedIn,
  request: { params: expertParams },
  responses: {
    204: noContent("Removed, or was not saved."),
    409: errorDoc(
      "The list changed at the same time too often (error: conflict); try again.",
    ),
  },
});

/** Defines /api/me/saved-experts* on `api`. */
export function savedExpertRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const saved = await listSavedExperts(c.env.kv, currentUser(c).id);
    return c.json({
      experts: saved.map(({ expert, ...item }) => ({
        ...item,
        expert: toExpertSummary(expert),
      })),
    }, 200);
  });

  api.openapi(saveRoute, async (c) => {
    const saved = await saveExpert(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").expertId,
    );
    return c.json({ saved }, 200);
  });

  api.openapi(removeRoute, async (c) => {
    await unsaveExpert(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").expertId,
    );
    return c.body(null, 204);
  });
}
