import type { components } from '@shared/api/schema';

export type ReportSummary = components['schemas']['ReportSummaryResponseDto'];
export type ReportInterval = ReportSummary['intervals'][number];
