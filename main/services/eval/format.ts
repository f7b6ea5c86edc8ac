import { displayText } from '../../../shared/text/displayText.js';
import type { EvalReport, SampleReport } from './evaluate.js';
import type { SampleMetrics } from './summary.js';

const pct = (v: number): string => (Number.isNaN(v) ? '   -  ' : (100 * v).toFixed(2).padStart(6));
const num = (v: number, digits = 2): string => (Number.isNaN(v) ? '-' : v.toFixed(digits));

function row(name: string, m: SampleMetrics): string {
  return [
    displayText(name, 60).padEnd(28),
    pct(m.iouAt['1']),
    pct(m.iouAt['3']),
    pct(m.iouAt['5']),
    num(m.noc['85']).padStart(6),
    num(m.noc['90']).padStart(6),
    String(m.clicks).padStart(6),
    num(m.msPerClick, 1).padStart(9),
  ].join(' ');
}

/** Human-readable table: one row per image, then the means (the line published tables report). */
export function formatReport(report: EvalReport): string {
  const header = ['image'.padEnd(28), 'IoU@1', ' IoU@3', ' IoU@5', 'NoC85', 'NoC90', 'clicks', 'ms/click'].join(' ');
  const lines = [`model ${report.modelId}, max ${report.maxClicks} clicks`, header];
  for (const s of report.samples) lines.push(row(s.name, s.metrics));
  const o = report.overall;
  lines.push(row(`mean of ${o.images}`, o));
  lines.push(`NoF@90 (never reached 90% in ${report.maxClicks} clicks): ${o.failures90}; set_image ${num(o.setImageMs, 0)} ms mean`);
  return `${lines.join('\n')}\n`;
}

function sampleJson(s: SampleReport) {
  return {
    name: s.name,
    iou_at: s.metrics.iouAt,
    noc: s.metrics.noc,
    clicks: s.metrics.clicks,
    ms_per_click: s.metrics.msPerClick,
    set_image_ms: s.metrics.setImageMs,
    ious: s.ious,
    points: s.clicks.map((c) => ({ x: c.x, y: c.y, label: c.positive ? 1 : 0 })),
  };
}

/** The report as JSON records (snake_case, like the rest of samlabel's JSON). */
export function reportToJson(report: EvalReport) {
  const o = report.overall;
  return {
    model: report.modelId,
    max_clicks: report.maxClicks,
    overall: { images: o.images, miou_at: o.iouAt, noc: o.noc, nof_90: o.failures90, clicks: o.clicks, ms_per_click: o.msPerClick, set_image_ms: o.setImageMs },
    images: report.samples.map(sampleJson),
  };
}
