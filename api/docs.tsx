/**
 * /api/docs: the generated OpenAPI document rendered as plain HTML on the
 * server. No scripts and nothing external, so it works offline and under a
 * strict CSP.
 */
import { renderToString } from "preact-render-to-string";
import { type AccessRule, describeAccess } from "@/auth/policy.ts";
import type { OpenApiDocument } from "./document.ts";

/** The parts of a generated operation the page shows. */
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  /** Who may call it: the rule the API enforces (auth/policy.ts). */
  "x-access"?: AccessRule;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema: Record<string, unknown>;
  }[];
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema: unknown }>;
  };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: unknown }> }
  >;
}

const STYLES = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1f2937; max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { margin-bottom: 0.25rem; }
section.op { border: 1px solid #d1d5db; border-radius: 0.5rem; padding: 1rem 1.25rem; margin: 1.5rem 0; }
.method { display: inline-block; min-width: 4rem; font: 700 0.85rem ui-monospace, monospace; padding: 0.15rem 0.5rem; border-radius: 0.25rem; color: #fff; background: #1d4ed8; text-align: center; }
.method.post { background: #047857; }
.method.patch { background: #b45309; }
.method.delete { background: #b91c1c; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.875rem; }
pre { background: #f3f4f6; padding: 0.75rem; border-radius: 0.375rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e5e7eb; }
`;

/** A short type label for a JSON schema, e.g. `string`, `integer`, `"a" | "b"`. */
function typeLabel(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) {
    return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  }
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  const type = schema.type;
  return Array.isArray(type)
    ? type.join(" | ")
    : typeof type === "string"
    ? type
    : "any";
}

function constraints(schema: Record<string, unknown>): string {
  const parts: string[] = [];
  for (
    const key of [
      "minimum",
      "maximum",
      "minLength",
      "maxLength",
      "pattern",
      "default",
    ]
  ) {
    if (schema[key] !== undefined) {
      parts.push(`${key}: ${JSON.stringify(schema[key])}`);
    }
  }
  return parts.join(", ");
}

function OperationSection(
  { path, method, operation }: {
    path: string;
    method: string;
    operation: Operation;
  },
) {
  return (
    <section class="op" id={operation.operationId}>
      <h3>
        <span class={`method ${method}`}>{method.toUpperCase()}</span>{" "}
        <code>{path}</code>
      </h3>
      <p>
        <strong>{operation.summary}</strong>
        {operation.description ? ` — ${operation.description}` : null}
      </p>
      {operation["x-access"]
        ? (
          <p>
            <em>Who may call it:</em> {describeAccess(operation["x-access"])}
          </p>
        )
        : null}
      {operation.parameters?.length
        ? (
          <>
            <h4>Parameters</h4>
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>In</th>
                  <th>Type</th>
                  <th>Description</th>
                </tr>
              </thead>
              <tbody>
                {operation.parameters.map((parameter) => (
                  <tr key={parameter.name}>
                    <td>
                      <code>{parameter.name}</code>
                      {parameter.required ? " (required)" : ""}
                    </td>
                    <td>{parameter.in}</td>
                    <td>
                      <code>{typeLabel(parameter.schema)}</code>
                      {constraints(parameter.schema)
                        ? <div>{constraints(parameter.schema)}</div>
                        : null}
                    </td>
                    <td>{parameter.description ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
        : null}
      {Object.entries(operation.requestBody?.content ?? {}).map((
        [type, { schema }],
      ) => (
        <div key={type}>
          <h4>
            Request body (<code>{type}</code>
            {operation.requestBody?.required ? ", required" : ""})
          </h4>
          <pre>{JSON.stringify(schema, null, 2)}</pre>
        </div>
      ))}
      <h4>Responses</h4>
      <table>
        <tbody>
          {Object.entries(operation.responses).map(([status, response]) => (
            <tr key={status}>
              <td>
                <code>{status}</code>
              </td>
              <td>{response.description}</td>
              <td>
                {response.content?.["application/json"]
                  ? (
                    <pre>{JSON.stringify(response.content["application/json"].schema, null, 2)}</pre>
                  )
                  : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DocsPage({ document }: { document: OpenApiDocument }) {
  const operations = Object.entries(document.paths ?? {}).flatMap((
    [path, methods],
  ) =>
    Object.entries(methods as Record<string, Operation>).map((
      [method, operation],
    ) => ({
      path,
      method,
      operation,
    }))
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${document.info.title} reference`}</title>
        <style>{STYLES}</style>
      </head>
      <body>
        <main>
          <h1>{document.info.title}</h1>
          <p>
            Version {document.info.version}. {document.info.description}{" "}
            Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.
          </p>
          <nav aria-label="Endpoints">
            <ul>
              {operations.map(({ path, method, operation }) => (
                <li key={operation.operationId}>
                  <a href={`#${operation.operationId}`}>
                    <code>{method.toUpperCase()} {path}</code>
                  </a>{" "}
                  — {operation.summary}
                </li>
              ))}
            </ul>
          </nav>
          <h2>Endpoints</h2>
          {operations.map(({ path, method, operation }) => (
            <OperationSection
              key={operation.operationId}
              path={path}
              method={method}
              operation={operation}
            />
          ))}
          <h2>Schemas</h2>
          {Object.entries(document.components?.schemas ?? {}).map((
            [name, schema],
          ) => (
            <section key={name} id={`schema-${name}`}>
              <h3>{name}</h3>
              <pre>{JSON.stringify(schema, null, 2)}</pre>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}

/** The whole docs page as an HTML string. */
export function renderDocsPage(document: OpenApiDocument): string {
  return `<!DOCTYPE html>${renderToString(<DocsPage document={document} />)}`;
}
