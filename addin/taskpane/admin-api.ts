// The Sở KH&CN's administration calls (docs/WORKER.md, /api/admin/*), each answer parsed with zod before use: the unit
// registry, tokens for many units, periods, reviews, doubtful targets. Failures are the ApiClient's codes (HttpError with
// the server's error code, NetworkError with a reason); the components turn them into sentences.
import { z } from "zod";
import { registryUnitSchema, type RegistryUnit } from "../../shared/registry/index.js";
import { periodInfoSchema, submissionStatus, type Cell, type ReviewNote } from "../../shared/schemas/index.js";
import type { ApiClient } from "./api.js";

const unitSchema = z.object(registryUnitSchema.shape);

export const registryResponseSchema = z.object({
  version: z.number().int(),
  units: z.array(unitSchema),
  knownAgencies: z.array(z.string()),
});
export type RegistryResponse = z.infer<typeof registryResponseSchema>;

const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const registryDiffSchema = z.object({
  added: z.array(unitSchema),
  changed: z.array(z.object({ unit: unitSchema, changes: z.array(fieldChange) })),
  unchanged: z.number().int(),
  notInSheet: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type RegistryDiff = z.infer<typeof registryDiffSchema>;

export const registryProblemSchema = z.object({
  row: z.number().int().nullable(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  kind: z.string(),
  message: z.string(),
});

export const registryPushResponseSchema = z.object({
  version: z.number().int(),
  dryRun: z.boolean().optional(),
  applied: z.boolean().optional(),
  summary: z.object({ added: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), notInSheet: z.number().int() }),
  diff: registryDiffSchema,
  warnings: z.array(registryProblemSchema),
});
export type RegistryPushResponse = z.infer<typeof registryPushResponseSchema>;

export const issuedSchema = z.object({
  tokens: z.array(z.object({ unit: z.string(), unitName: z.string(), token: z.string(), id: z.string(), issuedAt: z.string() })),
});
export type Issued = z.infer<typeof issuedSchema>["tokens"];

export const reviewRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  submission: z.string().nullable(),
  revision: z.number().int().nullable(),
  at: z.string().nullable(),
  cellCount: z.number().int(),
  status: submissionStatus.nullable(),
  comment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  notes: z.number().int(),
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;
export const reviewsSchema = z.object({ form: z.string(), period: z.string(), rows: z.array(reviewRowSchema) });

export const submissionSchemaResp = z.object({
  id: z.string(),
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  revision: z.number().int(),
  status: submissionStatus,
  receivedAt: z.string(),
  cells: z.array(z.object({ item: z.string(), field: z.string(), raw: z.string() })),
});
export type SubmissionWithCells = z.infer<typeof submissionSchemaResp>;

export const reviewResultSchema = z.object({
  id: z.string(),
  status: submissionStatus.optional(),
  reviewComment: z.string().nullable().optional(),
  reviewedAt: z.string().nullable().optional(),
  notes: z.array(z.object({ item: z.string(), field: z.string(), note: z.string() })),
});

export const doubtSchema = z.object({
  key: z.string(),
  stt: z.number().int(),
  name: z.string(),
  field: z.string(),
  reason: z.string(),
  year: z.number().int().nullable(),
  settleable: z.boolean(),
  printed: z.string().nullable(),
  settled: z.object({ text: z.string(), source: z.string().nullable(), reason: z.string().nullable(), at: z.string().nullable() }).nullable(),
});
export type Doubt = z.infer<typeof doubtSchema>;
export const doubtsSchema = z.object({ doubts: z.array(doubtSchema), settled: z.number().int() });

export const openedPeriodSchema = z.object({ period: periodInfoSchema, created: z.boolean() });
export const lockedSchema = z.object({ period: z.object({ id: z.string(), locked: z.boolean() }) });

export type OpenPeriod = {
  kind: "month" | "quarter" | "half" | "year" | "adhoc";
  year: number;
  seq?: number;
  label?: string;
  dueDate?: string;
  cutoffDate?: string;
  forms?: string[];
};

const q = encodeURIComponent;

export class AdminApi {
  constructor(readonly api: ApiClient) {}

  registry(): Promise<RegistryResponse> {
    return this.api.json("/api/admin/registry", registryResponseSchema);
  }

  /** Checks (dryRun) or applies a registry sheet on top of `baseVersion`; 422 registry_invalid, 409 registry_conflict. */
  pushRegistry(baseVersion: number, units: RegistryUnit[], dryRun: boolean): Promise<RegistryPushResponse> {
    return this.api.json("/api/admin/registry", registryPushResponseSchema, { method: "PUT", body: { baseVersion, units, dryRun } });
  }

  async issue(units: string[], rotate: boolean): Promise<Issued> {
    const r = await this.api.json(`/api/admin/tokens/${rotate ? "rotate" : "issue"}`, issuedSchema, { method: "POST", body: { units } });
    return r.tokens;
  }

  async revoke(by: { units?: string[]; tokenIds?: string[] }): Promise<number> {
    const r = await this.api.json("/api/admin/tokens/revoke", z.object({ revoked: z.number().int() }), { method: "POST", body: by });
    return r.revoked;
  }

  openPeriod(p: OpenPeriod) {
    return this.api.json("/api/admin/periods", openedPeriodSchema, { method: "POST", body: p });
  }

  async lock(period: string, locked: boolean): Promise<boolean> {
    const r = await this.api.json(`/api/admin/periods/${q(period)}/${locked ? "lock" : "unlock"}`, lockedSchema, { method: "POST" });
    return r.period.locked;
  }

  reviews(form: string, period: string) {
    return this.api.json(`/api/admin/reviews?form=${q(form)}&period=${q(period)}`, reviewsSchema);
  }

  submission(id: string): Promise<SubmissionWithCells> {
    return this.api.json(`/api/submissions/${q(id)}`, submissionSchemaResp);
  }

  review(id: string, body: { status: "accepted" | "returned"; comment?: string; notes?: ReviewNote[] }) {
    return this.api.json(`/api/admin/submissions/${q(id)}/review`, reviewResultSchema, { method: "POST", body });
  }

  doubts() {
    return this.api.json("/api/admin/doubts", doubtsSchema);
  }

  settleTarget(key: string, year: number, body: { text: string; reason: string; source: string }) {
    return this.api.json(`/api/admin/targets/${q(key)}/${year}`, z.object({ indicator: z.string(), year: z.number().int(), text: z.string() }), { method: "PUT", body });
  }
}

export type { Cell };
