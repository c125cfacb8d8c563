/**
 * The calls the dashboard makes for head office's first view of the last complete month
 * (web/src/dashboard/dashboard.ts: tiles and trend, rankings, heat map, warnings, low ratings),
 * listed once for `npm run bench:scale`. Another call is one more line here.
 */
import { addDays } from '../../functions/domain/calendar.js';
import { daysOf, periodOf, previousPeriod } from '../../functions/domain/statistics/periods.js';

export interface HeadOfficeCall {
  name: string;
  /** Under /api/v1, with its query. */
  path: string;
}

/** As the dashboard shows them: a 6-month trend, 8 weeks of heat map, 7 days of low ratings. */
const TREND_MONTHS = 6;
const HEATMAP_WEEKS = 8;
const LOW_RATING_DAYS = 7;

export function headOfficeCalls(today: string): HeadOfficeCall[] {
  const month = previousPeriod(periodOf(today, 'month'), 'month');
  const week = previousPeriod(periodOf(today, 'week'), 'week');
  const trend = ending(month, 'month', TREND_MONTHS);
  const series = `scope=bank&granularity=month&from=${daysOf(trend[0] ?? month, 'month').first}&to=${daysOf(month, 'month').last}&lang=zh-CN`;
  const lastDay = daysOf(month, 'month').last;
  const heatmap = ending(periodOf(lastDay < today ? lastDay : today, 'week'), 'week', HEATMAP_WEEKS);
  return [
    { name: `satisfaction, bank by month (${trend.length} months)`, path: `/stats/satisfaction?${series}` },
    { name: `complaints, bank by month (${trend.length} months)`, path: `/stats/complaints?${series}` },
    {
      name: `rankings of regions, ${month}`,
      path: `/stats/rankings?scope=region&granularity=month&period=${month}&lang=zh-CN`,
    },
    {
      name: `rankings of outlets, ${month}`,
      path: `/stats/rankings?scope=outlet&granularity=month&period=${month}&lang=zh-CN`,
    },
    { name: `warnings of ${month}`, path: `/stats/warnings?period=${month}&status=all&lang=zh-CN` },
    { name: `warnings of ${week}`, path: `/stats/warnings?period=${week}&status=all&lang=zh-CN` },
    {
      name: `low ratings, bank, last ${LOW_RATING_DAYS} days`,
      path: `/stats/low-ratings?scope=bank&from=${addDays(today, -(LOW_RATING_DAYS - 1))}&to=${today}&lang=zh-CN`,
    },
    ...heatmap.map((w) => ({
      name: `heat map: rankings of outlets, ${w}`,
      path: `/stats/rankings?scope=outlet&granularity=week&period=${w}&lang=zh-CN`,
    })),
  ];
}

function ending(last: string, granularity: 'week' | 'month', count: number): string[] {
  const periods = [last];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0] ?? last, granularity));
  return periods;
}
