// Reports (csat lane): team/project, date range and interval pickers, charts, tables, CSV export.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentTeamId } from '../auth/session';
import { api, errorText, query } from '../workspace/api';
import { projects } from '../workspace/team-data';
import { ReportChart } from './report-chart';
import { duration, reportCsv } from './report-csv';
import type { ReportInterval, ReportSummary } from './report-types';
import './reports.css';

const CSAT_RANGE: [number, number] = [1, 5];
const day = (d: Date) => d.toISOString().slice(0, 10);
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function Figures({ rows, total }: { rows: ReportInterval[]; total: ReportSummary['total'] }) {
  const all = [...rows, { ...total, start: 'Total' }];
  return (
    <table class="report-table">
      <caption>Per interval</caption>
      <thead>
        <tr>
          <th scope="col">Interval</th>
          <th scope="col">New</th>
          <th scope="col">Messages (visitor / agent)</th>
          <th scope="col">Resolved</th>
          <th scope="col">First response (median / p90)</th>
          <th scope="col">Resolution (median / p90)</th>
          <th scope="col">CSAT</th>
        </tr>
      </thead>
      <tbody>
        {all.map((r) => (
          <tr key={r.start} class={r.start === 'Total' ? 'total' : undefined}>
            <th scope="row">{r.start}</th>
            <td>{r.newConversations}</td>
            <td>
              {r.messages.visitor} / {r.messages.agent}
            </td>
            <td>{r.resolved}</td>
            <td>
              {duration(r.firstResponse.median)} / {duration(r.firstResponse.p90)}
            </td>
            <td>
              {duration(r.resolution.median)} / {duration(r.resolution.p90)}
            </td>
            <td>{r.csat.count ? `${r.csat.average?.toFixed(1)} (${r.csat.count})` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Agents({ agents }: { agents: ReportSummary['agents'] }) {
  return (
    <table class="report-table">
      <caption>Per agent</caption>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Replies</th>
          <th scope="col">Resolved</th>
          <th scope="col">Median first response</th>
        </tr>
      </thead>
      <tbody>
        {agents.length === 0 && (
          <tr>
            <td colSpan={4}>No agent activity in this range.</td>
          </tr>
        )}
        {agents.map((a) => (
          <tr key={a.userId}>
            <th scope="row">{a.name}</th>
            <td>{a.replies}</td>
            <td>{a.resolved}</td>
            <td>{duration(a.medianFirstResponse)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Charts({ report }: { report: ReportSummary }) {
  const days = useMemo(() => report.intervals.map((i) => i.start), [report]);
  const volume = useMemo(
    () => [
      { label: 'New', color: '#3b4fd8', values: report.intervals.map((i) => i.newConversations) },
      { label: 'Resolved', color: '#15803d', values: report.intervals.map((i) => i.resolved) },
    ],
    [report],
  );
  const speed = useMemo(
    () => [
      {
        label: 'First response, median (min)',
        color: '#b45309',
        values: report.intervals.map((i) =>
          i.firstResponse.median === null ? null : i.firstResponse.median / 60,
        ),
      },
      {
        label: 'First response, p90 (min)',
        color: '#7c3aed',
        values: report.intervals.map((i) => (i.firstResponse.p90 === null ? null : i.firstResponse.p90 / 60)),
      },
    ],
    [report],
  );
  const csat = useMemo(
    () => [{ label: 'CSAT average', color: '#be123c', values: report.intervals.map((i) => i.csat.average) }],
    [report],
  );
  return (
    <div class="report-charts">
      <ReportChart title="Conversations" days={days} series={volume} />
      <ReportChart title="First response time" days={days} series={speed} />
      <ReportChart title="Satisfaction (1–5)" days={days} series={csat} yRange={CSAT_RANGE} />
    </div>
  );
}

export function ReportsPage() {
  const teamId = currentTeamId.value;
  const today = new Date();
  const [projectId, setProjectId] = useState('');
  const [from, setFrom] = useState(day(new Date(today.getTime() - 27 * 86_400_000)));
  const [to, setTo] = useState(day(today));
  const [interval, setInterval] = useState<'day' | 'week'>('day');
  const [timezone] = useState(browserZone);
  const [report, setReport] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!teamId) return;
    let live = true;
    setError(null);
    api<ReportSummary>(`/reports/summary${query({ teamId, projectId, from, to, interval, timezone })}`)
      .then(({ data }) => live && setReport(data))
      .catch((err) => live && setError(errorText(err)));
    return () => void (live = false);
  }, [teamId, projectId, from, to, interval, timezone]);

  const csvHref = useMemo(
    () => (report ? URL.createObjectURL(new Blob([reportCsv(report)], { type: 'text/csv' })) : null),
    [report],
  );
  useEffect(() => () => void (csvHref && URL.revokeObjectURL(csvHref)), [csvHref]);

  return (
    <main class="ws-main reports">
      <div class="reports-body">
        <h1>Reports</h1>
        <form class="report-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
          <label class="field">
            Project
            <select class="input" value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)}>
              <option value="">All projects</option>
              {projects.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            From
            <input
              class="input"
              type="date"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            To
            <input
              class="input"
              type="date"
              value={to}
              min={from}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            Interval
            <select
              class="input"
              value={interval}
              onChange={(e) => setInterval(e.currentTarget.value as 'day' | 'week')}
            >
              <option value="day">Day</option>
              <option value="week">Week</option>
            </select>
          </label>
          <p class="ws-muted">Time zone: {timezone}</p>
          {csvHref && (
            <a class="btn" href={csvHref} download={`report-${from}-${to}.csv`}>
              Download CSV
            </a>
          )}
        </form>
        {error && (
          <p role="alert" class="ws-error">
            {error}
          </p>
        )}
        {report && (
          <>
            <Charts report={report} />
            <Figures rows={report.intervals} total={report.total} />
            <Agents agents={report.agents} />
          </>
        )}
      </div>
    </main>
  );
}
