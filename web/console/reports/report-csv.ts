// The report as CSV: one row per interval, then the total; then the per-agent table.
import type { ReportSummary } from './report-types';

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  // A text cell a spreadsheet would read as a formula (an agent's name "=HYPERLINK(…)") is kept as text.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (values: (string | number | null)[]) => values.map(cell).join(',');

export function reportCsv(r: ReportSummary): string {
  const head = [
    'interval',
    'new conversations',
    'visitor messages',
    'agent messages',
    'system messages',
    'resolved',
    'first response median (s)',
    'first response p90 (s)',
    'resolution median (s)',
    'resolution p90 (s)',
    'csat average',
    'csat count',
  ];
  const rows = [...r.intervals, { ...r.total, start: 'total' }].map((i) =>
    line([
      i.start,
      i.newConversations,
      i.messages.visitor,
      i.messages.agent,
      i.messages.system,
      i.resolved,
      i.firstResponse.median,
      i.firstResponse.p90,
      i.resolution.median,
      i.resolution.p90,
      i.csat.average,
      i.csat.count,
    ]),
  );
  const agents = r.agents.map((a) => line([a.name, a.replies, a.resolved, a.medianFirstResponse]));
  return [
    line(head),
    ...rows,
    '',
    line(['agent', 'replies', 'resolved', 'median first response (s)']),
    ...agents,
  ].join('\n');
}

/** Formats seconds for people: 45 s, 12 min, 3.5 h. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
