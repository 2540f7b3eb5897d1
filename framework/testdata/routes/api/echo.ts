import type { Handlers } from "../../../types.ts";

export const handler: Handlers = {
  async POST(req) {
    return Response.json({ received: await req.json() });
  },
  DELETE: () => new Response(null, { status: 204 }),
};
