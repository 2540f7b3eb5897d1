import { define } from "@/web/define.ts";

/**
 * The HTML document around every page. Each page adds its own title and
 * meta tags through `<Seo>`; the page layer links the built stylesheet.
 */
export default define.layout(function App({ Component }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f766e" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="flex min-h-screen flex-col">
        <Component />
      </body>
    </html>
  );
});
