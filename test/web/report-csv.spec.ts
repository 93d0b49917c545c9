import { describe, it } from 'node:test';
import { expect } from 'expect';
import { reportCsv } from '../../web/console/reports/report-csv';
import type { ReportSummary } from '../../web/console/reports/report-types';

const interval = {
  start: '2026-01-01T00:00:00.000Z',
  newConversations: 1,
  messages: { visitor: 1, agent: 1, system: 0 },
  resolved: 1,
  firstResponse: { median: 5, p90: 5 },
  resolution: { median: 60, p90: 60 },
  csat: { average: null, count: 0 },
};

const summaryWith = (names: string[]) =>
  ({
    intervals: [interval],
    total: interval,
    agents: names.map((name, i) => ({ name, replies: i, resolved: 0, medianFirstResponse: -1 })),
  }) as unknown as ReportSummary;

describe('report CSV', () => {
  it('keeps cells a spreadsheet would run as formulas as text', () => {
    const names = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR', 'Ann'];
    const agentRows = reportCsv(summaryWith(names)).split('\n').slice(-names.length);
    expect(agentRows).toEqual([
      `"'=HYPERLINK(""http://x"")",0,0,-1`,
      `'+1,1,0,-1`,
      `'-2+3,2,0,-1`,
      `'@SUM(A1),3,0,-1`,
      `'\tTab,4,0,-1`,
      `"'\rCR",5,0,-1`,
      `Ann,6,0,-1`,
    ]);
  });
});
