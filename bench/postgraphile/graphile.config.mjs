// PostGraphile v5 for the benchmark: the Amber preset over schema `public`, no authentication
// (no JWT, no pgSettings, so no row-level security), no GraphiQL, no watch mode.
// DATABASE_URL: the connection string (required). PORT: the port (default 5678; `-p` on the
// command line overrides it). Listens on 127.0.0.1 only.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { jsonPgSmartTags } from "postgraphile/utils";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  throw new Error("DATABASE_URL is not set");
}

// Amber offers `condition` only on indexed columns. Our API leaves withdrawn progress reports
// and evidence files out of every list and count (`withdrawn_at IS NULL`, unindexed), so let
// PostGraphile filter on that column too: `condition: { withdrawnAt: null }`.
const WithdrawnFilterPlugin = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      progress_reports: { attribute: { withdrawn_at: { tags: { behavior: "+filterBy" } } } },
      evidence_files: { attribute: { withdrawn_at: { tags: { behavior: "+filterBy" } } } },
    },
  },
});

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [WithdrawnFilterPlugin],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ["public"],
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PORT ?? 5678),
    graphqlPath: "/graphql",
    graphiql: false,
    watch: false,
    dangerouslyAllowAllCORSRequests: false,
  },
  grafast: {
    explain: false,
  },
};

export default preset;
