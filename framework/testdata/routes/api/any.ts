import type { Handler } from "../../../types.ts";

export const handler: Handler = (req) => new Response(`any ${req.method}`);
