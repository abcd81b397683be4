export { parsePlan } from './plan-json';
export type { PlanJson } from './plan-json';
export { COMMENT_LIMIT, renderReport, safeUrl } from './render';
export type { Report, ReportOptions } from './render';
