/**
 * Location of the package's vendored data (`data/` at the package root). Both `src/<stage>/*.ts`
 * (tests) and `dist/<stage>/*.js` (installed package) sit two levels below the root.
 */
import { fileURLToPath } from "node:url";

export function packageDataPath(...parts: string[]): string {
  return fileURLToPath(new URL(`../../data/${parts.join("/")}`, import.meta.url));
}
