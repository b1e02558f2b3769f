/**
 * Assessment: `assess` (one value against a target: Vượt / Đạt / Không đạt / Chưa đánh giá + progress) and
 * `judge` (the report's categories for a period, from the actual and the projection), with `summarize`.
 */
export * from "./assess.js";
export * from "./judge.js";
export * from "./period.js";
