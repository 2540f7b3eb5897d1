export const handler = () =>
  new Response("<urlset></urlset>", {
    headers: { "content-type": "application/xml" },
  });
