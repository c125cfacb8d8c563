import type { Language } from '../domain/language.js';
import { isMessageKey, say } from '../domain/messages.js';
import type { ComplaintFigures, RatingFigures } from '../domain/statistics/figures.js';
import { ASPECTS } from '../domain/statistics/rating-totals.js';
import { warningInWords } from '../domain/statistics/warning-words.js';
import type { Warning, WarningRule } from '../domain/statistics/warnings.js';
import { INSPECTION_KINDS } from '../domain/supervision/inspections.js';
import type { SupervisionFigures } from '../domain/supervision/tally.js';
import type { CsvColumn } from '../http/csv.js';

/**
 * The columns of each statistics download, headed in the caller's language. Rates are written
 * as percentages with one decimal (what a report shows); a rate over nothing is an empty cell.
 */
type Label = Record<Language, string>;
const L = (zhCN: string, zhTW: string, en: string): Label => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

const labels = {
  period: L('期间', '期間', 'Period'),
  ratings: L('评价数', '評價數', 'Ratings'),
  mean: L('平均分', '平均分', 'Mean rating'),
  csat: L('满意度 (%)', '滿意度 (%)', 'CSAT (%)'),
  stars: (n: number) => L(`${n} 分`, `${n} 分`, `${n} star${n === 1 ? '' : 's'}`),
  environment: L('环境', '環境', 'Environment'),
  attitude: L('服务态度', '服務態度', 'Attitude'),
  efficiency: L('办理效率', '辦理效率', 'Efficiency'),
  professionalism: L('专业能力', '專業能力', 'Professionalism'),
  comments: L('留言数', '留言數', 'Comments'),
  received: L('受理量', '受理量', 'Received'),
  resolved: L('办结量', '辦結量', 'Resolved'),
  resolvedOnTime: L('按时办结量', '按時辦結量', 'Resolved on time'),
  completionRate: L('办结率 (%)', '辦結率 (%)', 'Completion rate (%)'),
  onTimeRate: L('按时办结率 (%)', '按時辦結率 (%)', 'On-time rate (%)'),
  rated: L('评价处理人数', '評價處理人數', 'Verdicts given'),
  satisfied: L('满意人数', '滿意人數', 'Satisfied'),
  satisfactionRate: L('满意率 (%)', '滿意率 (%)', 'Satisfaction rate (%)'),
  openOverdue: L('逾期未办结', '逾期未辦結', 'Open and overdue'),
  perThousand: L('每千次评价投诉数', '每千次評價投訴數', 'Complaints per 1,000 ratings'),
  hours: L('平均办结时长 (小时)', '平均辦結時長 (小時)', 'Mean hours to resolve'),
  rank: L('排名', '排名', 'Rank'),
  name: L('名称', '名稱', 'Name'),
  region: L('分行', '分行', 'Region'),
  complaints: L('投诉量', '投訴量', 'Complaints'),
  change: L('较上期 (百分点)', '較上期 (百分點)', 'Change (points)'),
  rule: L('预警类型', '預警類型', 'Warning'),
  subject: L('对象', '對象', 'Subject'),
  figures: L('指标', '指標', 'Figures'),
  raisedAt: L('预警时间', '預警時間', 'Raised'),
  acknowledgedBy: L('确认人', '確認人', 'Acknowledged by'),
  acknowledgedAt: L('确认时间', '確認時間', 'Acknowledged'),
  note: L('备注', '備註', 'Note'),
  receivedAt: L('评价时间', '評價時間', 'Received'),
  outlet: L('网点', '網點', 'Outlet'),
  rating: L('评分', '評分', 'Rating'),
  comment: L('留言', '留言', 'Comment'),
  language: L('语言', '語言', 'Language'),
  counted: L('计入统计', '計入統計', 'Counted'),
  severity: L('级别', '級別', 'Severity'),
  channel: L('受理渠道', '受理渠道', 'Channel'),
  open: L('待处理', '待處理', 'Open'),
  acknowledged: L('已确认', '已確認', 'Acknowledged'),
  ratingsOf: (period: string) => L(`${period} 评价数`, `${period} 評價數`, `${period} ratings`),
  csatOf: (period: string) => L(`${period} 满意度 (%)`, `${period} 滿意度 (%)`, `${period} CSAT (%)`),
  trackingNo: L('投诉编号', '投訴編號', 'Tracking number'),
  complaintReceived: L('受理时间', '受理時間', 'Received'),
  category: L('投诉类别', '投訴類別', 'Category'),
  department: L('承办部门', '承辦部門', 'Handled by'),
  status: L('状态', '狀態', 'Status'),
  rootCause: L('根本原因', '根本原因', 'Root cause'),
  firstDay: L('最早有数据的日期', '最早有數據的日期', 'First day with figures'),
};

/** A severity's or channel's name from the catalogue the pages read (an unknown one as it is). */
function named(lang: Language, kind: 'severity' | 'channel', id: string): string {
  const key = `${kind}.${id}`;
  const name = isMessageKey(key) ? say(lang, key) : id;
  return `${labels[kind][lang]}${lang === 'en' ? ': ' : '：'}${name}`;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const round = (n: number | null, digits = 2) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

export function satisfactionColumns(lang: Language): CsvColumn<{ period: string; ratings: RatingFigures }>[] {
  return [
    { header: labels.period[lang], value: (r) => r.period },
    { header: labels.ratings[lang], value: (r) => r.ratings.count },
    { header: labels.mean[lang], value: (r) => round(r.ratings.mean) },
    { header: labels.csat[lang], value: (r) => percent(r.ratings.csat) },
    ...([1, 2, 3, 4, 5] as const).map((n) => ({
      header: labels.stars(n)[lang],
      value: (r: { ratings: RatingFigures }) => r.ratings.distribution[n],
    })),
    ...ASPECTS.map((a) => ({
      header: labels[a][lang],
      value: (r: { ratings: RatingFigures }) => round(r.ratings.aspects[a]),
    })),
    { header: labels.comments[lang], value: (r) => r.ratings.comments },
  ];
}

/**
 * Complaint figures, then one column per category (named by `categoryName`), severity and channel
 * found, each headed by its name in `lang` ("级别：重大", "受理渠道：客服热线").
 */
export function complaintColumns(
  lang: Language,
  rows: readonly { complaints: ComplaintFigures }[],
  categoryName: (id: string) => string,
): CsvColumn<{ period: string; complaints: ComplaintFigures }>[] {
  const names = (kind: 'category' | 'severity' | 'channel', id: string) =>
    kind === 'category' ? categoryName(id) : named(lang, kind, id);
  const keysOf = (pick: (c: ComplaintFigures) => Record<string, number>) =>
    [...new Set(rows.flatMap((r) => Object.keys(pick(r.complaints))))].sort();
  const breakdown = (
    kind: 'category' | 'severity' | 'channel',
    pick: (c: ComplaintFigures) => Record<string, number>,
  ) =>
    keysOf(pick).map((id) => ({
      header: names(kind, id),
      value: (r: { complaints: ComplaintFigures }) => pick(r.complaints)[id] ?? 0,
    }));
  return [
    { header: labels.period[lang], value: (r) => r.period },
    { header: labels.received[lang], value: (r) => r.complaints.received },
    { header: labels.resolved[lang], value: (r) => r.complaints.resolved },
    { header: labels.resolvedOnTime[lang], value: (r) => r.complaints.resolvedOnTime },
    { header: labels.completionRate[lang], value: (r) => percent(r.complaints.completionRate) },
    { header: labels.onTimeRate[lang], value: (r) => percent(r.complaints.onTimeRate) },
    { header: labels.rated[lang], value: (r) => r.complaints.rated },
    { header: labels.satisfied[lang], value: (r) => r.complaints.satisfied },
    { header: labels.satisfactionRate[lang], value: (r) => percent(r.complaints.satisfactionRate) },
    { header: labels.openOverdue[lang], value: (r) => r.complaints.openOverdue },
    { header: labels.perThousand[lang], value: (r) => round(r.complaints.perThousandRatings) },
    { header: labels.hours[lang], value: (r) => round(r.complaints.meanHoursToResolve, 1) },
    ...breakdown('category', (c) => c.byCategory),
    ...breakdown('severity', (c) => c.bySeverity),
    ...breakdown('channel', (c) => c.byChannel),
  ];
}

interface RankingRow {
  rank: number;
  name: string;
  region?: string | undefined;
  csat: number | null;
  ratings: number;
  complaints: number;
  completionRate: number | null;
  onTimeRate: number | null;
  change: number | null;
}

export function rankingColumns(lang: Language): CsvColumn<RankingRow>[] {
  return [
    { header: labels.rank[lang], value: (r) => r.rank },
    { header: labels.name[lang], value: (r) => r.name },
    { header: labels.region[lang], value: (r) => r.region },
    { header: labels.csat[lang], value: (r) => percent(r.csat) },
    { header: labels.ratings[lang], value: (r) => r.ratings },
    { header: labels.complaints[lang], value: (r) => r.complaints },
    { header: labels.completionRate[lang], value: (r) => percent(r.completionRate) },
    { header: labels.onTimeRate[lang], value: (r) => percent(r.onTimeRate) },
    { header: labels.change[lang], value: (r) => (r.change === null ? null : round(r.change * 100, 1)) },
  ];
}

interface WarningRow extends Pick<Warning, 'figures'> {
  period: string;
  rule: WarningRule;
  subjectName: string;
  region?: string | undefined;
  category?: string | undefined;
  raisedAt: string;
  acknowledged?: { byName: string; at: string; note?: string | undefined } | undefined;
}

/** Warnings as the dashboard words them: the rule by name, the figures in a sentence. */
export function warningColumns(
  lang: Language,
  time: (iso: string) => string,
  categoryName: (id: string) => string,
): CsvColumn<WarningRow>[] {
  return [
    { header: labels.period[lang], value: (r) => r.period },
    { header: labels.rule[lang], value: (r) => say(lang, `warningRule.${r.rule}`) },
    {
      header: labels.subject[lang],
      value: (r) => (r.category ? `${r.subjectName} · ${categoryName(r.category)}` : r.subjectName),
    },
    { header: labels.region[lang], value: (r) => r.region },
    { header: labels.figures[lang], value: (r) => warningInWords(r, lang, categoryName) },
    { header: labels.raisedAt[lang], value: (r) => time(r.raisedAt) },
    { header: labels.acknowledgedBy[lang], value: (r) => r.acknowledged?.byName },
    {
      header: labels.acknowledgedAt[lang],
      value: (r) => (r.acknowledged ? time(r.acknowledged.at) : undefined),
    },
    { header: labels.note[lang], value: (r) => r.acknowledged?.note },
  ];
}

interface ExportRow {
  receivedAt: string;
  outletName: string;
  rating: number;
  aspects?: Partial<Record<(typeof ASPECTS)[number], number>> | undefined;
  comment?: string | undefined;
  lang: string;
  counted: boolean;
}

export function ratingExportColumns(lang: Language, time: (iso: string) => string): CsvColumn<ExportRow>[] {
  return [
    { header: labels.receivedAt[lang], value: (r) => time(r.receivedAt) },
    { header: labels.outlet[lang], value: (r) => r.outletName },
    { header: labels.rating[lang], value: (r) => r.rating },
    ...ASPECTS.map((a) => ({ header: labels[a][lang], value: (r: ExportRow) => r.aspects?.[a] })),
    { header: labels.comment[lang], value: (r) => r.comment },
    { header: labels.language[lang], value: (r) => r.lang },
    { header: labels.counted[lang], value: (r) => r.counted },
  ];
}

/** A period's warnings counted by rule and region. */
export function warningSummaryColumns(
  lang: Language,
): CsvColumn<{ rule: WarningRule; region?: string | undefined; open: number; acknowledged: number }>[] {
  return [
    { header: labels.rule[lang], value: (r) => say(lang, `warningRule.${r.rule}`) },
    { header: labels.region[lang], value: (r) => r.region },
    { header: labels.open[lang], value: (r) => r.open },
    { header: labels.acknowledged[lang], value: (r) => r.acknowledged },
  ];
}

interface HeatmapRow {
  name: string;
  cells: { period: string; csat: number | null; ratings: number }[];
}

/** One row per region or outlet, a CSAT and a ratings column per period. */
export function heatmapColumns(lang: Language, periods: readonly string[]): CsvColumn<HeatmapRow>[] {
  return [
    { header: labels.name[lang], value: (r) => r.name },
    ...periods.flatMap((period, i): CsvColumn<HeatmapRow>[] => [
      { header: labels.csatOf(period)[lang], value: (r) => percent(r.cells[i]?.csat ?? null) },
      { header: labels.ratingsOf(period)[lang], value: (r) => r.cells[i]?.ratings },
    ]),
  ];
}

export function lowRatingColumns(
  lang: Language,
  time: (iso: string) => string,
): CsvColumn<{ receivedAt: string; outletName: string; rating: number; comment: string }>[] {
  return [
    { header: labels.receivedAt[lang], value: (r) => time(r.receivedAt) },
    { header: labels.outlet[lang], value: (r) => r.outletName },
    { header: labels.rating[lang], value: (r) => r.rating },
    { header: labels.comment[lang], value: (r) => r.comment },
  ];
}

interface MajorRow {
  trackingNo: string;
  receivedAt: string;
  outletName: string;
  categoryName: string;
  departmentName: string;
  statusName: string;
  rootCauseName?: string | undefined;
}

export function majorComplaintColumns(lang: Language, time: (iso: string) => string): CsvColumn<MajorRow>[] {
  return [
    { header: labels.trackingNo[lang], value: (r) => r.trackingNo },
    { header: labels.complaintReceived[lang], value: (r) => time(r.receivedAt) },
    { header: labels.outlet[lang], value: (r) => r.outletName },
    { header: labels.category[lang], value: (r) => r.categoryName },
    { header: labels.department[lang], value: (r) => r.departmentName },
    { header: labels.status[lang], value: (r) => r.statusName },
    { header: labels.rootCause[lang], value: (r) => r.rootCauseName },
  ];
}

export function firstDayColumns(lang: Language): CsvColumn<{ firstDay: string | null }>[] {
  return [{ header: labels.firstDay[lang], value: (r) => r.firstDay }];
}

const supervisionLabels = {
  name: labels.name,
  region: labels.region,
  outlets: L('网点数', '網點數', 'Outlets'),
  inspections: L('检查次数', '檢查次數', 'Inspections'),
  mean: {
    'self-check': L('自查平均分', '自查平均分', 'Self-check mean score'),
    'spot-check': L('督导抽查平均分', '督導抽查平均分', 'Spot-check mean score'),
    'joint-check': L('分行联合检查平均分', '分行聯合檢查平均分', 'Joint-check mean score'),
    'mystery-visit': L('神秘人检查平均分', '神秘人檢查平均分', 'Mystery-visit mean score'),
  },
  redLines: L('红线问题次数', '紅線問題次數', 'Red-line failures'),
  findings: L('每次检查问题数', '每次檢查問題數', 'Findings per check'),
  selfCheck: L('自查完成率 (%)', '自查完成率 (%)', 'Self-check completion (%)'),
  rectification: L('整改按时完成率 (%)', '整改按時完成率 (%)', 'Rectifications on time (%)'),
  bank: L('全行', '全行', 'Whole bank'),
};

/** A row of supervision figures: the bank, a region or an outlet. */
export interface SupervisionCsvRow {
  name: string;
  region?: string | undefined;
  outlets?: number | undefined;
  figures: SupervisionFigures;
}

/** The bank's name in a download's first row. */
export const bankName = (lang: Language) => supervisionLabels.bank[lang];

/** Supervision figures (服务督导), headed in `lang`: scores to one decimal, rates as percentages. */
export function supervisionColumns(lang: Language, outletRows: boolean): CsvColumn<SupervisionCsvRow>[] {
  const s = supervisionLabels;
  return [
    { header: s.name[lang], value: (r) => r.name },
    outletRows
      ? { header: s.region[lang], value: (r) => r.region }
      : { header: s.outlets[lang], value: (r) => r.outlets },
    { header: s.inspections[lang], value: (r) => r.figures.inspections },
    ...INSPECTION_KINDS.map((k) => ({
      header: s.mean[k][lang],
      value: (r: SupervisionCsvRow) => r.figures.meanScore[k],
    })),
    { header: s.redLines[lang], value: (r) => r.figures.redLineFailures },
    { header: s.findings[lang], value: (r) => r.figures.findingsPerCheck },
    { header: s.selfCheck[lang], value: (r) => percent(r.figures.selfCheck.rate) },
    { header: s.rectification[lang], value: (r) => percent(r.figures.rectification.rate) },
  ];
}
