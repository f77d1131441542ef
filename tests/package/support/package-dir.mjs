// Where npm installed the package under test (node_modules/gptunnel), found the way Node finds it.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = dirname(fileURLToPath(import.meta.resolve("gptunnel/package.json")));
