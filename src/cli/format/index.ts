import type { Formatter } from './context';
import { formatCsv } from './csv';
import { formatDot } from './dot';
import { formatJson } from './json';
import { formatMd } from './md';
import { formatSummary } from './summary';
import { formatTxt } from './txt';

export type { Formatter, ReportInput } from './context';

export const REPORT_FORMATS = ['txt', 'json', 'csv', 'md', 'dot', 'summary'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FORMATTERS: Readonly<Record<ReportFormat, Formatter>> = {
  txt: formatTxt,
  json: formatJson,
  csv: formatCsv,
  md: formatMd,
  dot: formatDot,
  summary: formatSummary,
};

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}
