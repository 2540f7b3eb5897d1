import { expect } from "expect";
import { schemaProblems } from "./schema_org.ts";

Deno.test("the schema.org checker refuses what a type may not have or lacks", () => {
  expect(schemaProblems({
    "@context": "https://schema.org",
    "@type": "Person",
    name: "Ada",
    aggregateRating: { "@type": "AggregateRating", ratingValue: 5 },
  })).toEqual([
    "$.aggregateRating: schema.org defines no aggregateRating on Person.",
  ]);
  expect(schemaProblems({
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: "Hi",
    datePublished: "yesterday",
    author: { "@type": "Place", name: "Paris" },
    url: "/blog/hi",
  })).toEqual([
    "$: a BlogPosting needs image.",
    "$: a BlogPosting needs dateModified.",
    "$: a BlogPosting needs publisher.",
    "$.datePublished: yesterday is not an ISO 8601 date.",
    "$.author: a Place where Person or Organization belongs.",
    "$.url: /blog/hi is not an absolute URL.",
  ]);
});
