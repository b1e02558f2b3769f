/**
 * The catalog bundled into the custom functions: the slim catalog (slim-catalog.ts) derived from
 * shared/catalog/catalog.json. In a build, vite.config.ts replaces this module with the precomputed result
 * (so the full catalog is not in the functions' first bundle); in Node and tests it is computed here.
 */
import data from "../../shared/catalog/catalog.json";
import type { Catalog } from "../../shared/catalog/types.js";
import { slimCatalog, type FnCatalog } from "./slim-catalog.js";

export const bundledCatalog: FnCatalog = slimCatalog(data as unknown as Catalog);
