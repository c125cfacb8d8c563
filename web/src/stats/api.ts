import { apiFetch, el } from '../shared/session.js';

/**
 * The statistics API as the dashboard and the monthly report read it: the answers' shapes, one
 * JSON getter that turns a refusal into an error carrying the API's message, and CSV downloads
 * (which need the bearer header, so a plain link cannot fetch them). Every list is a page
 * (`limit`, `cursor` → `nextCursor`), so no answer grows with the number of outlets.
 */
export type Rate = number | null;

export interface RatingFigures {
  count: number;
  mean: number | null;
  csat: Rate;
  distribution: Record<string, number>;
  comments: number;
}

export interface ComplaintFigures {
  received: number;
  resolved: number;
  resolvedOnTime: number;
  completionRate: Rate;
  onTimeRate: Rate;
  rated: number;
  satisfied: number;
  satisfactionRate: Rate;
  openOverdue: number;
  perThousandRatings: number | null;
  byCategory: Record<string, number>;
  meanHoursToResolve: number | null;
  rootCauses: Record<string, number>;
}

export interface Series<F> {
  scope: string;
  id?: string;
  name: string;
  series: ({ period: string } & F)[];
}
export type SatisfactionSeries = Series<{ ratings: RatingFigures }>;
export type ComplaintSeries = Series<{ complaints: ComplaintFigures }>;

export interface RankingItem {
  id: string;
  name: string;
  regionId?: string;
  region?: string;
  rank: number;
  csat: Rate;
  ratings: number;
  complaints: number;
  completionRate: Rate;
  onTimeRate: Rate;
  change: number | null;
}

export interface Ranking {
  order: 'best' | 'worst';
  total: number;
  items: RankingItem[];
  nextCursor?: string;
}

export interface Heatmap {
  scope: 'region' | 'outlet';
  periods: string[];
  rows: {
    id: string;
    name: string;
    regionId?: string;
    cells: { period: string; csat: Rate; ratings: number }[];
  }[];
  nextCursor?: string;
}

export type WarningRule =
  | 'csat-low'
  | 'csat-drop'
  | 'on-time-low'
  | 'complaints-high'
  | 'recurring'
  | 'supervision-score-low'
  | 'self-check-low'
  | 'rectification-overdue';
export const WARNING_RULES: readonly WarningRule[] = [
  'csat-low',
  'csat-drop',
  'on-time-low',
  'complaints-high',
  'recurring',
  'supervision-score-low',
  'self-check-low',
  'rectification-overdue',
];

export interface Warning {
  id: string;
  rule: WarningRule;
  granularity: 'week' | 'month';
  period: string;
  scope: 'outlet' | 'department';
  subjectId: string;
  subjectName: string;
  regionId?: string;
  region?: string;
  category?: string;
  figures: Record<string, number | null>;
  raisedAt: string;
  acknowledged?: { by: string; byName: string; at: string; note?: string };
}

export interface WarningPage {
  items: Warning[];
  nextCursor?: string;
}

export interface WarningSummary {
  open: number;
  acknowledged: number;
  groups: { rule: WarningRule; regionId?: string; region?: string; open: number; acknowledged: number }[];
}

export interface LowRating {
  receivedAt: string;
  outletId: string;
  outletName: string;
  rating: number;
  comment: string;
}

export interface MajorComplaint {
  trackingNo: string;
  outletName: string;
  categoryName: string;
  statusName: string;
  departmentName: string;
  receivedAt: string;
  rootCauseName?: string;
}

export interface Me {
  username: string;
  displayName: string;
  roles: string[];
  outlets: string[];
  departments: { id: string; name: string }[];
  headOffice: boolean;
  timeZone: string;
  /** Today on the bank's clock (the server's), not the browser's. */
  today: string;
}

/** A refusal or failure from the API, with its message for the page to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `path?a=1&b=2`, leaving out parameters that are undefined. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  return `${path}?${query}`;
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await apiFetch(path);
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await apiFetch(path, { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return new ApiError(response.status, body.message ?? `HTTP ${response.status}`);
}

/**
 * Fetches a CSV answer with the bearer token and hands it to the browser as a download named as
 * the API names it (content-disposition), through a short-lived Blob URL.
 */
export async function downloadCsv(path: string): Promise<void> {
  const response = await apiFetch(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'statistics.csv';
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; the URL is freed a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
