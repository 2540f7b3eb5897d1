/**
 * Headers every response carries. The Content-Security-Policy itself is set
 * by the page layer (it owns the per-response nonce); these are the rest.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Legacy twin of CSP `frame-ancestors 'none'` for older browsers.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(self), microphone=(self), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Adds the security headers to a response, keeping any the route set itself. */
export function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) {
      try {
        response.headers.set(name, value);
      } catch {
        // Immutable headers (e.g. a Response from fetch): copy it first.
        const copy = new Response(response.body, response);
        return withSecurityHeaders(copy);
      }
    }
  }
  return response;
}
