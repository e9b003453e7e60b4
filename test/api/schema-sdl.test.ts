import { readFile } from "node:fs/promises";
import { printSchema } from "graphql";
import { expect, it } from "vitest";
import { buildSchema } from "../../src/schema/build-schema.js";

it("matches the committed schema.graphql (run `npm run schema:emit` after changing the schema)", async () => {
  const committed = await readFile(new URL("../../src/schema/schema.graphql", import.meta.url), "utf8");
  expect(`${printSchema(await buildSchema({}))}\n`).toBe(committed);
});
