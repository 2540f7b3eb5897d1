/**
 * An expert's offerings (session types, each perhaps sold in packages) and,
 * once approved, the live public profile with its completeness checklist.
 * Every operation acts on the caller's own records: another expert's
 * offering id is simply not found (404).
 */
import { z } from "zod";
import { owned, role } from "@/auth/policy.ts";
import {
  profileCompleteness,
  updateExpertProfile,
} from "@/services/applications/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import {
  createOffering,
  deleteOffering,
  listOfferings,
  updateOffering,
} from "@/services/offerings/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  liveProfileSchema,
  offeringBodySchema,
  offeringListQuerySchema,
  offeringPatchBodySchema,
  offeringSchema,
  profileBodySchema,
} from "@/api/expert_schemas.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
} from "@/api/route.ts";

const expert = role("expert");
const ownOffering = owned(expert, "the offering is the caller's");
const offeringParams = z.object({
  id: idParam("offering", "An offering id."),
});
const noSuchOffering = errorDoc("The caller has no offering with this id.");
const offeringResponse = z.object({ offering: offeringSchema });

const listOfferingsRoute = defineRoute({
  method: "get",
  path: "/expert/offerings",
  operationId: "listMyOfferings",
  summary: "The caller's offerings, oldest first",
  "x-access": expert,
  request: { query: offeringListQuerySchema },
  responses: {
    200: json(
      "The offerings.",
      z.object({ offerings: z.array(offeringSchema) }),
    ),
  },
});

const createOfferingRoute = defineRoute({
  method: "post",
  path: "/expert/offerings",
  operationId: "createOffering",
  summary: "Add a session type",
  description:
    "Durations 15, 30, 45, 60 or 90 minutes; one session's price in minor units, at least 100, at most 1,000,000; a supported currency. Several sessions at one price are sold as up to 3 `packageOptions` (2–20 sessions each, a different size each, priced in the offering's currency at no more than 10,000,000 and no more than booking them one by one) that learners buy with `POST /api/packages`. The retired `kind: \"package\"` (with `sessions`) is refused (400) with a message saying to send package options instead.",
  "x-access": expert,
  request: { body: jsonBody(offeringBodySchema) },
  responses: {
    201: json("Created.", offeringResponse),
    409: errorDoc(
      "The expert already has 30 offerings, or their application is waiting for review (error: conflict).",
    ),
  },
});

const updateOfferingRoute = defineRoute({
  method: "patch",
  path: "/expert/offerings/{id}",
  operationId: "updateOffering",
  summary: "Change some fields of one of the caller's offerings",
  description:
    "The result is validated as a whole. { active: true } brings back a deleted offering. `packageOptions` replaces the list: send options back as read to keep them (their ids stay), without an id to add one; packages already bought keep their terms.",
  "x-access": ownOffering,
  request: { params: offeringParams, body: jsonBody(offeringPatchBodySchema) },
  responses: {
    200: json("Updated.", offeringResponse),
    404: noSuchOffering,
    409: errorDoc(
      "A published expert's last active offering cannot be switched off, and no offering changes while the application is waiting for review (error: conflict).",
    ),
  },
});

const deleteOfferingRoute = defineRoute({
  method: "delete",
  path: "/expert/offerings/{id}",
  operationId: "deleteOffering",
  summary: "Withdraw one of the caller's offerings",
  description:
    "Soft delete: the offering becomes inactive (hidden from learners, kept for bookings that refer to it).",
  "x-access": ownOffering,
  request: { params: offeringParams },
  responses: {
    204: noContent("Withdrawn."),
    404: noSuchOffering,
    409: errorDoc(
      "A published expert's last active offering cannot be withdrawn, and no offering changes while the application is waiting for review (error: conflict).",
    ),
  },
});

const profileRoute = defineRoute({
  method: "get",
  path: "/expert/profile",
  operationId: "getMyProfile",
  summary: "The caller's live public profile and its completeness",
  "x-access": expert,
  responses: {
    200: json("The profile.", liveProfileSchema),
    404: errorDoc("Not approved yet: there is no public profile."),
  },
});

const updateProfileRoute = defineRoute({
  method: "patch",
  path: "/expert/profile",
  operationId: "updateMyProfile",
  summary: "Edit the public profile (shows at once)",
  "x-access": expert,
  request: { body: jsonBody(profileBodySchema) },
  responses: {
    200: json("Updated.", liveProfileSchema),
    409: errorDoc("Not approved yet, or the profile changed meanwhile."),
  },
});

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

/** Defines /api/expert/offerings* and /api/expert/profile on `api`. */
export function expertOfferingRoutes(api: ApiApp): void {
  api.openapi(listOfferingsRoute, async (c) => {
    const { includeInactive } = c.req.valid("query");
    const offerings = await listOfferings(c.env.kv, currentUser(c).id, {
      includeInactive: includeInactive === "true",
    });
    return c.json({ offerings }, 200);
  });

  api.openapi(createOfferingRoute, async (c) => {
    const offering = await createOffering(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json({ offering }, 201);
  });

  api.openapi(updateOfferingRoute, async (c) => {
    const offering = await updateOffering(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ offering }, 200);
  });

  api.openapi(deleteOfferingRoute, async (c) => {
    await deleteOffering(c.env.kv, currentUser(c).id, c.req.valid("param").id);
    return c.body(null, 204);
  });

  api.openapi(profileRoute, async (c) => {
    return c.json(await liveProfile(c, currentUser(c).id), 200);
  });

  api.openapi(updateProfileRoute, async (c) => {
    await updateExpertProfile(c.env.kv, currentUser(c).id, c.req.valid("json"));
    return c.json(await liveProfile(c, currentUser(c).id), 200);
  });
}
