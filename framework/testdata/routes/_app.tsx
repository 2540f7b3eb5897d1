import type { AppProps } from "../../types.ts";

export default function App({ Component }: AppProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Fixture default title</title>
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
}
