import type { RouteConfig } from "../../types.ts";

export const config: RouteConfig = {
  skipAppWrapper: true,
  skipInheritedLayouts: true,
};

export default function Bare() {
  return (
    <html>
      <head>
        <title>Bare document</title>
      </head>
      <body>
        <p>bare</p>
      </body>
    </html>
  );
}
