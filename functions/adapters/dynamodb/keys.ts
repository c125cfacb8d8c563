import type { IndexName } from './table-design.js';

/**
 * Every key the platform writes, declared once, next to the table design.
 *
 * `partitions` names, per index, the partition-key prefix of each item type; the builders below
 * are the only code that makes keys, and they make them from these prefixes. A unit test checks
 * that no prefix in an index is the start of another's (so two item types can never share an
 * index partition, or meet in a `begins_with` range), and that no other file under
 * adapters/dynamodb spells a key prefix of its own.
 *
 * Sort keys that hold instants use ISO-8601 UTC strings, which sort in time order.
 */
export const partitions = {
  table: {
    outlet: 'OUTLET#',
    region: 'REGION#',
    /** A rating, or the marker of a complaint's submission: one item per client submissionId. */
    submission: 'SUBMISSION#',
    /** A complaint and its audit events. */
    complaint: 'COMPLAINT#',
    outbox: 'OUTBOX#',
    rollup: 'ROLLUP#',
    warning: 'WARNING#',
    /** A period's warnings counted by rule and region: what the warnings panel opens with. */
    warningSummary: 'WARNSUM#',
    /** Outlet-days whose ratings or complaints changed since their rollup: the next refresh recomputes them. */
    staleRollup: 'STALE#',
    trackingLimit: 'LIMIT#',
    config: 'CONFIG#',
    /** A checklist's versions (immutable) and its pointer to the current one. */
    checklist: 'CHECKLIST#',
    /** An inspection, keyed by the id its client made (a retry is the same item). */
    inspection: 'INSPECTION#',
    /** A rectification task: one per failed item of an inspection. */
    rectification: 'RECT#',
    /** A mystery visit's assignment, keyed by a hash of its link's token. */
    mysteryVisit: 'MYSTERY#',
    /** Supervision counts of one outlet, region or the bank in one month, added to as checks come in. */
    supervisionTally: 'SUPTALLY#',
    /** A month's circular as published (通报): one item per month, written once. */
    circularPublication: 'CIRCULAR#',
    localSeed: 'LOCAL#',
    health: 'HEALTH',
  },
  gsi1: {
    outletList: 'OUTLETS',
    regionList: 'REGIONS',
    /** Complaints a department works now (open and resolved), by due date. */
    inbox: 'INBOX#',
    /** Closed complaints of a department. */
    closed: 'CLOSED#',
    /**
     * Every outlet's (or region's) rollup of one period. Weeks and months in ranking order
     * (outlets within their region): rankings, heat maps of regions, warnings. Days in id order
     * (outlets within their region): the sums (a region's day is one Query of its outlets' days,
     * the bank's of the regions').
     */
    ranking: 'RANK#',
    /** Warnings of one period, open ones first, by rule, region and subject. */
    warnings: 'WARNINGS#',
    /** An outlet's rectification tasks, by status and due date. */
    outletRectifications: 'RECTS#',
    /** Head office's mystery visits of one half-year, by outlet. */
    mysteryPlan: 'MYSTERIES#',
    /** Every outlet's supervision tally of one month, by region: what the circular reads. */
    supervisionMonth: 'SUPMONTH#',
  },
  gsi2: {
    /** An outlet's complaints by time received. */
    outletComplaints: 'COMPLAINTS#',
    /** An outlet's ratings of one bank day, by time received: the outlet-day rollup's one Query. */
    outletDayRatings: 'RATINGS#',
    /** An outlet's inspections of one month, by kind and time. */
    outletMonthInspections: 'INSPECTIONS#',
  },
  gsi3: {
    /** One customer's complaints (a keyed hash of the phone number). */
    phone: 'PHONE#',
    /** Every outlet's rollup of one week or month in ranking order, across regions: the bank's ranking. */
    bestOutlets: 'BEST#',
    /** Red-line findings of one month, by when found (sparse: red-line tasks only). */
    redLineFindings: 'REDLINES#',
  },
  gsi4: {
    /** Open complaints a department owns (first-contact ownership), by due date. */
    owner: 'OWNER#',
    /**
     * Rectification tasks that owe the sweeper a reminder or a breach report, by when, spread
     * over a few shards so 10,000 outlets' tasks never make one hot partition (sparse: a task
     * leaves it once it owes nothing).
     */
    rectificationAlerts: 'RECTDUE#',
  },
} as const satisfies Record<'table' | IndexName, Record<string, string>>;

const T = partitions.table;
const G1 = partitions.gsi1;
const G2 = partitions.gsi2;

export interface TableKey {
  pk: string;
  sk: string;
}

export const keys = {
  outlet: (id: string): TableKey => ({ pk: `${T.outlet}${id}`, sk: 'OUTLET' }),
  region: (id: string): TableKey => ({ pk: `${T.region}${id}`, sk: 'REGION' }),
  submission: (submissionId: string): TableKey => ({
    pk: `${T.submission}${submissionId}`,
    sk: 'SUBMISSION',
  }),
  complaint: (trackingNo: string): TableKey => ({ pk: complaintPartition(trackingNo), sk: COMPLAINT_SK }),
  complaintEvent: (trackingNo: string, at: string, seq: number): TableKey => ({
    pk: complaintPartition(trackingNo),
    sk: `${EVENT_SK_PREFIX}${at}#${String(seq).padStart(4, '0')}`,
  }),
  /** One notification of one stored item, to one topic. */
  outbox: (source: TableKey, topic: string): TableKey => ({
    pk: `${T.outbox}${source.pk}#${source.sk}`,
    sk: topic,
  }),
  rollup: (scope: string, id: string, granularity: string, period: string): TableKey => ({
    pk: `${T.rollup}${scope}#${id}`,
    sk: `${granularity}#${period}`,
  }),
  warning: (id: string): TableKey => ({ pk: `${T.warning}${id}`, sk: 'WARNING' }),
  /** One rule's warnings of one region (`-` for departments) in one period, counted. */
  warningSummary: (period: string, rule: string, regionId: string | undefined): TableKey => ({
    pk: `${T.warningSummary}${period}`,
    sk: `${rule}#${regionId ?? NO_REGION}`,
  }),
  /**
   * The outlet-days one stream batch marked stale, in one item: they sort by when they were marked,
   * and each batch's item is its own, so clearing what a refresh read never clears a later mark.
   */
  staleMarks: (markedAt: string, batchId: string): TableKey => ({
    pk: staleMarksPartition,
    sk: `${markedAt}#${batchId}`,
  }),
  /** Failed tracking look-ups of one subject (a tracking number, a client address) in one window. */
  trackingLimit: (subject: 'number' | 'address', id: string, window: number): TableKey => ({
    pk: `${T.trackingLimit}track-${subject}#${id}#${window}`,
    sk: 'LIMIT',
  }),
  routingRules: (): TableKey => ({ pk: `${T.config}routing-rules`, sk: 'CURRENT' }),
  checklistVersion: (id: string, version: number): TableKey => ({
    pk: `${T.checklist}${id}`,
    sk: `V#${String(version).padStart(5, '0')}`,
  }),
  checklistCurrent: (id: string): TableKey => ({ pk: `${T.checklist}${id}`, sk: 'CURRENT' }),
  inspection: (id: string): TableKey => ({ pk: `${T.inspection}${id}`, sk: 'INSPECTION' }),
  rectification: (id: string): TableKey => ({ pk: `${T.rectification}${id}`, sk: 'RECT' }),
  /** The sweeper's one reminder or one breach report of a task: its notification, for the outbox. */
  rectificationAlert: (id: string, kind: 'remind' | 'escalate'): TableKey => ({
    pk: `${T.rectification}${id}`,
    sk: `ALERT#${kind}`,
  }),
  mysteryVisit: (tokenHash: string): TableKey => ({ pk: `${T.mysteryVisit}${tokenHash}`, sk: 'VISIT' }),
  supervisionTally: (scope: string, id: string, month: string): TableKey => ({
    pk: `${T.supervisionTally}${scope}#${id}`,
    sk: month,
  }),
  circularPublication: (month: string): TableKey => ({
    pk: `${T.circularPublication}${month}`,
    sk: 'PUBLICATION',
  }),
  localSeed: (version: string): TableKey => ({ pk: `${T.localSeed}seed`, sk: version }),
  health: (): TableKey => ({ pk: T.health, sk: T.health }),
};

const staleMarksPartition = `${T.staleRollup}rollup`;
const COMPLAINT_SK = 'A#COMPLAINT';
/** Events sort after the complaint record (`A#…` < `E#…`), in time order. */
const EVENT_SK_PREFIX = 'E#';
const complaintPartition = (trackingNo: string) => `${T.complaint}${trackingNo}`;

/**
 * How a department's inbox partition (gsi1 `INBOX#<department>`) sorts: open complaints by due
 * date, then the resolved ones waiting for the customer's verdict by when they were resolved
 * (`R#` sorts after every ISO date, so a due-date range never meets a resolved complaint).
 */
export const inboxOrder = {
  byDue: (dueAt: string, trackingNo: string) => `${dueAt}#${trackingNo}`,
  resolved: (resolvedAt: string, trackingNo: string) => `${RESOLVED}${resolvedAt}#${trackingNo}`,
  /** The range of resolved complaints resolved before `iso`. */
  resolvedBefore: (iso: string) => ({ from: RESOLVED, below: `${RESOLVED}${iso}` }),
};
const RESOLVED = 'R#';

/** The directory's run of one region's outlets (gsi1 `OUTLETS` / `<region>#<id>`). */
export const outletListOrder = { inRegion: (regionId: string) => `${regionId}#` };

/** Where a subject without a region (a department) sorts among regions. */
const NO_REGION = '-';

/**
 * How a ranking partition sorts: best CSAT first, then more ratings, then by id; subjects
 * without a rating last (`r#` < `u#`). CSAT is written as 10¹² − CSAT·10¹² (13 digits), which
 * keeps distinct shares of up to a million ratings apart; the count as 10¹⁰ − 1 − count.
 * An outlet's entry in its region's partition is `<region>#<order>`.
 */
export const rankingOrder = {
  rated: 'r#',
  unrated: 'u#',
  of(ratings: { count: number; satisfied: number }, id: string): string {
    if (ratings.count === 0) return `${rankingOrder.unrated}${id}`;
    const share = Math.round((ratings.satisfied / ratings.count) * 1e12);
    const inverted = String(1e12 - share).padStart(13, '0');
    const fewer = String(1e10 - 1 - Math.min(ratings.count, 1e10 - 1)).padStart(10, '0');
    return `${rankingOrder.rated}${inverted}#${fewer}#${id}`;
  },
  /** The sort-key prefix of one region's outlets (and of the rated or unrated among them). */
  inRegion: (regionId: string, part = '') => `${regionId}#${part}`,
};

/**
 * How a period's warnings sort in their gsi1 partition: open ones first (`open#` < `seen#`),
 * then by rule, region, scope and subject, so any choice of status, rule and region is a range.
 */
export const warningOrder = {
  of: (
    w: {
      rule: string;
      regionId?: string | undefined;
      scope: string;
      subjectId: string;
      category?: string | undefined;
    },
    acknowledged: boolean,
  ) =>
    `${acknowledged ? 'seen' : 'open'}#${w.rule}#${w.regionId ?? NO_REGION}#${w.scope}#${w.subjectId}#${w.category ?? ''}`,
  /**
   * The prefix of the warnings with this status, and this rule and region when given (in order);
   * `departments` for the departments' warnings, which have no region.
   */
  prefix: (acknowledged: boolean, rule?: string, regionId?: string, departments = false) => {
    const region = departments ? NO_REGION : regionId;
    return [
      acknowledged ? 'seen' : 'open',
      ...(rule ? [rule] : []),
      ...(rule && region ? [region] : []),
      '',
    ].join('#');
  },
  /** A summary item's sort key back to its rule and region (undefined: a department's). */
  summaryOf: (sk: string) => {
    const [rule = '', region = NO_REGION] = sk.split('#');
    return { rule, regionId: region === NO_REGION ? undefined : region };
  },
};

/** Which item of a complaint's partition is the record itself. */
export const isComplaintRecordKey = (sk: unknown) => sk === COMPLAINT_SK;

/** Index entries: the attributes an item carries to appear in an index partition. */
export const indexKeys = {
  outletList: (regionId: string, outletId: string) => ({
    gsi1pk: G1.outletList,
    gsi1sk: `${outletListOrder.inRegion(regionId)}${outletId}`,
  }),
  regionList: (regionId: string) => ({ gsi1pk: G1.regionList, gsi1sk: regionId }),
  inbox: (departmentId: string, sortKey: string) => ({
    gsi1pk: `${G1.inbox}${departmentId}`,
    gsi1sk: sortKey,
  }),
  closed: (departmentId: string, sortKey: string) => ({
    gsi1pk: `${G1.closed}${departmentId}`,
    gsi1sk: sortKey,
  }),
  ranking: (scope: string, granularity: string, period: string, sortKey: string) => ({
    gsi1pk: `${G1.ranking}${scope}#${granularity}#${period}`,
    gsi1sk: sortKey,
  }),
  warnings: (period: string, sortKey: string) => ({ gsi1pk: `${G1.warnings}${period}`, gsi1sk: sortKey }),
  bestOutlets: (granularity: string, period: string, sortKey: string) => ({
    gsi3pk: `${partitions.gsi3.bestOutlets}outlet#${granularity}#${period}`,
    gsi3sk: sortKey,
  }),
  outletComplaints: (outletId: string, receivedAt: string, trackingNo: string) => ({
    gsi2pk: `${G2.outletComplaints}${outletId}`,
    gsi2sk: `${receivedAt}#${trackingNo}`,
  }),
  outletDayRatings: (outletId: string, date: string, receivedAt: string, submissionId: string) => ({
    gsi2pk: `${G2.outletDayRatings}${outletId}#${date}`,
    gsi2sk: `${receivedAt}#${submissionId}`,
  }),
  phone: (phoneHash: string, receivedAt: string) => ({
    gsi3pk: `${partitions.gsi3.phone}${phoneHash}`,
    gsi3sk: receivedAt,
  }),
  owner: (departmentId: string, sortKey: string) => ({
    gsi4pk: `${partitions.gsi4.owner}${departmentId}`,
    gsi4sk: sortKey,
  }),
  outletRectifications: (outletId: string, status: string, dueAt: string, id: string) => ({
    gsi1pk: `${G1.outletRectifications}${outletId}`,
    gsi1sk: `${status}#${dueAt}#${id}`,
  }),
  mysteryPlan: (halfYear: string, outletId: string, id: string) => ({
    gsi1pk: `${G1.mysteryPlan}${halfYear}`,
    gsi1sk: `${outletId}#${id}`,
  }),
  outletMonthInspections: (outletId: string, month: string, kind: string, at: string, id: string) => ({
    gsi2pk: `${G2.outletMonthInspections}${outletId}#${month}`,
    gsi2sk: `${kind}#${at}#${id}`,
  }),
  rectificationAlerts: (shard: number, alertAt: string, id: string) => ({
    gsi4pk: `${partitions.gsi4.rectificationAlerts}${shard}`,
    gsi4sk: `${alertAt}#${id}`,
  }),
  supervisionMonth: (month: string, regionId: string, outletId: string) => ({
    gsi1pk: `${G1.supervisionMonth}${month}`,
    gsi1sk: `${regionId}#${outletId}`,
  }),
  redLineFindings: (month: string, foundAt: string, id: string) => ({
    gsi3pk: `${partitions.gsi3.redLineFindings}${month}`,
    gsi3sk: `${foundAt}#${id}`,
  }),
};

/** The partition values to Query, for the index entries above. */
export const indexPartitions = {
  outletList: () => G1.outletList,
  regionList: () => G1.regionList,
  inbox: (departmentId: string) => `${G1.inbox}${departmentId}`,
  closed: (departmentId: string) => `${G1.closed}${departmentId}`,
  ranking: (scope: string, granularity: string, period: string) =>
    `${G1.ranking}${scope}#${granularity}#${period}`,
  warnings: (period: string) => `${G1.warnings}${period}`,
  warningSummary: (period: string) => `${T.warningSummary}${period}`,
  bestOutlets: (granularity: string, period: string) =>
    `${partitions.gsi3.bestOutlets}outlet#${granularity}#${period}`,
  outletComplaints: (outletId: string) => `${G2.outletComplaints}${outletId}`,
  outletDayRatings: (outletId: string, date: string) => `${G2.outletDayRatings}${outletId}#${date}`,
  owner: (departmentId: string) => `${partitions.gsi4.owner}${departmentId}`,
  staleMarks: () => staleMarksPartition,
  outletRectifications: (outletId: string) => `${G1.outletRectifications}${outletId}`,
  mysteryPlan: (halfYear: string) => `${G1.mysteryPlan}${halfYear}`,
  outletMonthInspections: (outletId: string, month: string) =>
    `${G2.outletMonthInspections}${outletId}#${month}`,
  rectificationAlerts: (shard: number) => `${partitions.gsi4.rectificationAlerts}${shard}`,
  supervisionMonth: (month: string) => `${G1.supervisionMonth}${month}`,
  /** The sort-key prefix of one region's outlets within a month's supervision tallies. */
  supervisionMonthRegion: (regionId: string) => `${regionId}#`,
  redLineFindings: (month: string) => `${partitions.gsi3.redLineFindings}${month}`,
};

/** Every attribute that is a key of the table or an index: stripped before an item becomes a domain value. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  ...(['gsi1', 'gsi2', 'gsi3', 'gsi4'] as const satisfies readonly IndexName[]).flatMap((i) => [
    `${i}pk`,
    `${i}sk`,
  ]),
];
