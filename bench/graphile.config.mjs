// PostGraphile 5 for the benchmark: the amber preset over the `public` schema of the
// benchmark database, production settings (no GraphiQL, no watch mode, no explain).
// bench/run sets DATABASE_URL, PGL_HOST, PGL_PORT and PGL_DB_CONNECTIONS and starts it with NODE_ENV=production.
// With PGL_AGGREGATES=1 it adds the aggregates plugin (@graphile/pg-aggregates), as a
// PostGraphile user who wants sums would.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [
    PostGraphileAmberPreset,
    ...(process.env.PGL_AGGREGATES === "1" ? [PgAggregatesPreset] : []),
  ],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      // The same pool size as our server's (bench/run sets it; node-postgres defaults to 10).
      poolConfig: { max: Number(process.env.PGL_DB_CONNECTIONS ?? 10) },
    }),
  ],
  grafserv: {
    host: process.env.PGL_HOST ?? "127.0.0.1",
    port: Number(process.env.PGL_PORT ?? 5678),
    graphqlPath: "/graphql",
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    watch: false,
    websockets: false,
  },
  grafast: {
    explain: false,
  },
};

export default preset;
