import type { EngineCheckReport } from './report.ts';

export type EngineCheckResponse = { readonly ok: true; readonly report: EngineCheckReport } | { readonly ok: false; readonly error: string };
