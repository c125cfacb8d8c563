import { allItems, type Checklist, type ChecklistItem } from './checklist.js';

/** One item's answer, as the inspector gave it. */
export type Answer =
  | { itemId: string; notApplicable: true }
  | { itemId: string; passed: boolean; photo?: string | undefined; note?: string | undefined }
  | { itemId: string; mark: number; photo?: string | undefined; note?: string | undefined }
  | { itemId: string; value: number; photo?: string | undefined; note?: string | undefined };

export interface ItemResult {
  itemId: string;
  earned: number;
  /** What it could have earned; 0 for an item not applicable (out of the total). */
  possible: number;
  /** Earned less than its points: a finding (发现问题), to be put right. */
  failed: boolean;
  redLine: boolean;
}

export interface InspectionScore {
  earned: number;
  possible: number;
  /** 0–100, one decimal; null when nothing applied. */
  score: number | null;
  /** A red-line item failed: the inspection fails whatever its score. */
  redLineFailed: boolean;
  passed: boolean;
  items: ItemResult[];
}

/** Why a set of answers cannot be scored against a checklist, by item id. */
export type AnswerProblem =
  | 'missing'
  | 'unknown'
  | 'notApplicableRefused'
  | 'wrongKind'
  | 'markOutOfRange'
  | 'photoRequired';

/**
 * Scores answers against the checklist version they were given on.
 * - yes-no: all of the item's points, or none;
 * - a mark of 0–max: points × mark ÷ max;
 * - a number: all its points within the threshold (at most / at least), else none;
 * - not applicable (where the item allows it): out of both the earned and the possible total.
 * An item earning less than its points is failed: a finding. A failed red line fails the
 * inspection outright. The score is earned ÷ possible × 100, rounded to one decimal, so an
 * inspection of a checklist with items not applicable is comparable with a full one.
 */
export function scoreInspection(
  checklist: Pick<Checklist, 'sections'>,
  answers: readonly Answer[],
): InspectionScore {
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const items = allItems(checklist).map((item) => resultOf(item, byItem.get(item.id)));
  const earned = round2(items.reduce((sum, r) => sum + r.earned, 0));
  const possible = round2(items.reduce((sum, r) => sum + r.possible, 0));
  const redLineFailed = items.some((r) => r.redLine && r.failed);
  const score = possible === 0 ? null : Math.round((earned / possible) * 1000) / 10;
  return { earned, possible, score, redLineFailed, passed: !redLineFailed, items };
}

/** Every problem with the answers, by item id; empty when they can be scored. */
export function answerProblems(
  checklist: Pick<Checklist, 'sections'>,
  answers: readonly Answer[],
): Record<string, AnswerProblem> {
  const items = new Map(allItems(checklist).map((i) => [i.id, i]));
  const problems: Record<string, AnswerProblem> = {};
  for (const answer of answers) if (!items.has(answer.itemId)) problems[answer.itemId] = 'unknown';
  const given = new Map(answers.map((a) => [a.itemId, a]));
  for (const item of items.values()) {
    const answer = given.get(item.id);
    const problem = answer ? problemWith(item, answer) : 'missing';
    if (problem) problems[item.id] = problem;
  }
  return problems;
}

function problemWith(item: ChecklistItem, answer: Answer): AnswerProblem | undefined {
  if ('notApplicable' in answer) return item.allowNotApplicable ? undefined : 'notApplicableRefused';
  const kind = item.kind.type;
  if ('passed' in answer && kind !== 'yes-no') return 'wrongKind';
  if ('mark' in answer && kind !== 'score') return 'wrongKind';
  if ('value' in answer && kind !== 'number') return 'wrongKind';
  if ('mark' in answer && item.kind.type === 'score') {
    const { mark } = answer;
    if (!Number.isInteger(mark) || mark < 0 || mark > item.kind.max) return 'markOutOfRange';
  }
  if ('value' in answer && !Number.isFinite(answer.value)) return 'markOutOfRange';
  if (item.photoOnFail && resultOf(item, answer).failed && !answer.photo) return 'photoRequired';
  return undefined;
}

function resultOf(item: ChecklistItem, answer: Answer | undefined): ItemResult {
  const base = { itemId: item.id, redLine: item.redLine };
  if (answer && 'notApplicable' in answer && item.allowNotApplicable)
    return { ...base, earned: 0, possible: 0, failed: false };
  const earned = answer ? earnedBy(item, answer) : 0;
  return { ...base, earned, possible: item.points, failed: earned < item.points };
}

function earnedBy(item: ChecklistItem, answer: Answer): number {
  const { kind } = item;
  if (kind.type === 'yes-no' && 'passed' in answer) return answer.passed ? item.points : 0;
  if (kind.type === 'score' && 'mark' in answer)
    return round2((item.points * Math.min(Math.max(answer.mark, 0), kind.max)) / kind.max);
  if (kind.type === 'number' && 'value' in answer) {
    const within =
      (kind.passAtMost === undefined || answer.value <= kind.passAtMost) &&
      (kind.passAtLeast === undefined || answer.value >= kind.passAtLeast);
    return within ? item.points : 0;
  }
  return 0;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
