// Reads Verbund's schema by introspection as standard GraphQL clients do (GraphiQL, GraphQL
// Code Generator, Apollo, Postman and Insomnia send graphql-js's `getIntrospectionQuery()`):
// with graphql-js 16 and 17, every option on, and compares what `buildClientSchema` makes of
// the answer with the committed SDL, both sorted by `lexicographicSortSchema`.
//
//   node introspect.mjs <url of /graphql> <schema.graphql> ['name: value' header ...]
//
// Exits 0 when both versions read the committed schema, 1 otherwise (saying why). With
// VERBUND_INTROSPECTION_DUMP=<prefix> it writes each version's sorted reading to
// <prefix>.graphqljs16 and <prefix>.graphqljs17, to compare by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import * as graphql17 from 'graphql17';
import * as graphql16 from 'graphql';

const [url, sdlPath, ...headerArgs] = process.argv.slice(2);
const headers = { 'content-type': 'application/json' };
for (const header of headerArgs) {
  const colon = header.indexOf(':');
  headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
}
const sdl = readFileSync(sdlPath, 'utf8');

const options = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

let failed = false;
for (const [label, graphql] of [['graphql-js 16', graphql16], ['graphql-js 17', graphql17]]) {
  const query = graphql.getIntrospectionQuery(options);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
  });
  const body = await response.json();
  if (!body.data?.__schema || body.errors?.length) {
    console.log(`${label}: refused (${response.status}): ${JSON.stringify(body.errors)}`);
    failed = true;
    continue;
  }
  // The server answers `__schema { description }` with its library's generic sentence about
  // GraphQL schemas, which SDL does not record: it is checked and left out.
  const description = body.data.__schema.description;
  if (description !== null && !description.startsWith('A GraphQL Schema defines the capabilities')) {
    console.log(`${label}: unexpected schema description: ${description}`);
    failed = true;
  }
  body.data.__schema.description = null;
  const read = graphql.printSchema(graphql.lexicographicSortSchema(graphql.buildClientSchema(body.data)));
  const committed = graphql.printSchema(graphql.lexicographicSortSchema(graphql.buildSchema(sdl)));
  if (process.env.VERBUND_INTROSPECTION_DUMP) {
    writeFileSync(`${process.env.VERBUND_INTROSPECTION_DUMP}.${label.replace(/\W+/g, '')}`, read);
  }
  if (read === committed) {
    const types = Object.keys(graphql.buildClientSchema(body.data).getTypeMap()).length;
    console.log(`${label}: the schema read by introspection is the committed SDL (${types} types)`);
  } else {
    const readLines = read.split('\n');
    const committedLines = committed.split('\n');
    const line = readLines.findIndex((text, i) => text !== committedLines[i]);
    console.log(`${label}: the schema read differs from the committed SDL at line ${line + 1}:`);
    console.log(`  read:      ${readLines[line]}`);
    console.log(`  committed: ${committedLines[line]}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
