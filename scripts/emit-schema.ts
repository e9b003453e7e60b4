import { writeFile } from "node:fs/promises";
import { printSchema } from "graphql";
import { buildSchema } from "../src/schema/build-schema.js";

/** Writes the SDL the code builds to src/schema/schema.graphql (committed; a test fails when it drifts). */
const sdl = printSchema(await buildSchema({}));
await writeFile(new URL("../src/schema/schema.graphql", import.meta.url), `${sdl}\n`);
console.log("wrote src/schema/schema.graphql");
