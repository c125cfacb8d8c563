import type { LocalizedText } from '../language.js';

/**
 * The service-supervision checklist (服务监督检查表) as data: sections of items, each worth points,
 * answered in one of three ways, with the bank's red lines (红线) that fail an inspection outright
 * whatever its points. Versioned: an inspection keeps the version it was filled on, so a later
 * edit never changes a past inspection's score.
 */
export type ItemKind =
  /** Done or not: full points, or none. */
  | { type: 'yes-no' }
  /** A mark from 0 to `max` (the 5S of a counter, say): points in proportion. */
  | { type: 'score'; max: number }
  /**
   * A measured number (minutes of waiting, say) against a threshold: full points when within it,
   * none otherwise. `unit` is how the page labels the field.
   */
  | {
      type: 'number';
      unit: LocalizedText;
      passAtMost?: number | undefined;
      passAtLeast?: number | undefined;
    };

export interface ChecklistItem {
  /** Stable across versions: a finding of one inspection is matched to the next one's by it (屡查屡犯). */
  id: string;
  text: LocalizedText;
  /** What the item is worth; a score item earns its share of them. */
  points: number;
  kind: ItemKind;
  /** The inspector may mark it not applicable (no 爱心窗口 at a self-service outlet): out of the total. */
  allowNotApplicable: boolean;
  /** A failed answer must come with a photo of what was found. */
  photoOnFail: boolean;
  /** A red line (红线): its failure fails the inspection, whatever the points. */
  redLine: boolean;
}

export interface ChecklistSection {
  id: string;
  title: LocalizedText;
  items: ChecklistItem[];
}

export interface Checklist {
  id: string;
  version: number;
  name: LocalizedText;
  sections: ChecklistSection[];
  publishedAt: string;
  publishedBy: string;
}

export const allItems = (checklist: Pick<Checklist, 'sections'>): ChecklistItem[] =>
  checklist.sections.flatMap((s) => s.items);

/**
 * What makes a checklist unusable, by field path; empty when it is sound. Ids unique, points
 * positive, a score's maximum a whole number of at least 1, a number item with one threshold.
 */
export function checklistProblems(checklist: Pick<Checklist, 'sections'>): Record<string, ChecklistProblem> {
  const problems: Record<string, ChecklistProblem> = {};
  const seen = new Set<string>();
  const sections = new Set<string>();
  checklist.sections.forEach((section, s) => {
    if (sections.has(section.id)) problems[`sections.${s}.id`] = 'duplicate';
    sections.add(section.id);
    if (section.items.length === 0) problems[`sections.${s}.items`] = 'empty';
    section.items.forEach((item, i) => {
      const path = `sections.${s}.items.${i}`;
      if (seen.has(item.id)) problems[`${path}.id`] = 'duplicate';
      seen.add(item.id);
      if (!(item.points > 0)) problems[`${path}.points`] = 'points';
      if (item.kind.type === 'score' && !(Number.isInteger(item.kind.max) && item.kind.max >= 1))
        problems[`${path}.kind.max`] = 'scoreMax';
      if (
        item.kind.type === 'number' &&
        (item.kind.passAtMost === undefined) === (item.kind.passAtLeast === undefined)
      )
        problems[`${path}.kind`] = 'threshold';
    });
  });
  if (seen.size === 0) problems.sections = 'empty';
  return problems;
}

export type ChecklistProblem = 'duplicate' | 'empty' | 'points' | 'scoreMax' | 'threshold';
