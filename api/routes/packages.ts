/**
 * A learner's packages of sessions: list them, buy one of a session type's
 * package options (the whole price from the wallet), cancel one (its unused
 * credits refunded pro rata to the wallet). Booking with a credit is
 * `POST /api/bookings` with `packageId`. Every package id is checked
 * against the caller: someone else's package is simply not found (404).
 */
import { z } from "zod";
import { owned, role } from "@/auth/policy.ts";
import {
  buyPackage,
  buyPackageRequestSchema,
  cancelPackage,
  listLearnerPackages,
  PackageFundsError,
  packageSchema,
} from "@/services/packages/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const learner = role("learner");
const ownPackage = owned(learner, "the package is the caller's");
const packageParams = z.object({
  id: idParam("package", "The package's id."),
});

const listRoute = defineRoute({
  method: "get",
  path: "/packages",
  operationId: "listMyPackages",
  summary: "The caller's packages of sessions, newest first",
  "x-access": learner,
  responses: {
    200: json(
      "Every package the caller bought, cancelled ones too.",
      z.object({ packages: z.array(packageSchema) }),
    ),
  },
});

const buyRoute = defineRoute({
  method: "post",
  path: "/packages",
  operationId: "buyPackage",
  summary: "Buy a package of sessions, paid from the wallet",
  description:
    "`optionId` is one of the offering's `packageOptions`. The whole price moves from the wallet into the package's escrow in one atomic commit with the package and its credits; each credit then books one session of that offering (`POST /api/bookings` with `packageId`) without touching the wallet.",
  "x-access": learner,
  request: { body: jsonBody(buyPackageRequestSchema) },
  responses: {
    201: json("The package.", z.object({ package: packageSchema })),
    402: errorDoc(
      "The wallet is short (error: insufficient_funds): `details` gives `shortMinor` and `currency` (as strings), as for a booking. Nothing was bought.",
    ),
  },
});

const cancelRoute = defineRoute({
  method: "post",
  path: "/packages/{id}/cancel",
  operationId: "cancelPackage",
  summary: "Cancel a package: its unused credits go back to the wallet",
  description:
    "Refunds what the unused credits are worth (the price shared exactly over the sessions) to the wallet. Credits spent on upcoming bookings stay with those bookings, which settle per the cancellation policy.",
  "x-access": ownPackage,
  request: { params: packageParams },
  responses: {
    200: json(
      "The cancelled package and what went back to the wallet.",
      z.object({
        package: packageSchema,
        refundMinor: z.number().int().nonnegative(),
      }),
    ),
    404: errorDoc("The caller has no package with this id."),
    409: errorDoc(
      "Already cancelled, or every credit is used or booked (error: conflict).",
    ),
  },
});

/** Defines /api/packages* on `api`. */
export function packageRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const packages = await listLearnerPackages(c.env.kv, currentUser(c).id);
    return c.json({ packages }, 200);
  });

  api.openapi(buyRoute, async (c) => {
    try {
      const pkg = await buyPackage(
        c.env.kv,
        currentUser(c).id,
        c.req.valid("json"),
      );
      return c.json({ package: pkg }, 201);
    } catch (error) {
      if (!(error instanceof PackageFundsError)) throw error;
      return c.json({
        error: "insufficient_funds",
        message: error.message,
        details: {
          shortMinor: [String(error.shortMinor)],
          currency: [error.currency],
        },
      }, 402);
    }
  });

  api.openapi(cancelRoute, async (c) => {
    const result = await cancelPackage(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json(result, 200);
  });
}
