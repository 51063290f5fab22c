/** Writes docs/api-hooks.md from the client's coverage table (src/api/coverage.ts). */
import { writeFileSync } from "node:fs";
import { renderApiHooksDoc } from "../src/api/coverageDoc";

writeFileSync(new URL("../docs/api-hooks.md", import.meta.url), renderApiHooksDoc());
console.log("docs/api-hooks.md written");
