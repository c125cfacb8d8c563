import { describe, expect, it } from 'vitest';
import { type Checklist, checklistProblems } from '../../functions/domain/supervision/checklist.js';
import { answerProblems, scoreInspection } from '../../functions/domain/supervision/scoring.js';

const text = (zh: string) => ({ 'zh-CN': zh, 'zh-TW': zh, en: zh });
const unit = text('分钟');

/**
 * A small checklist, 100 points in all:
 *   env-clean    yes-no, 20 points
 *   five-s       a mark of 0–4, 20 points
 *   waiting      minutes, full points at most 15, 20 points
 *   care-window  yes-no, 20 points, may be not applicable (no 爱心窗口 at a self-service outlet)
 *   hotline      yes-no, 20 points, red line (the complaint hotline must be posted), photo on fail
 */
const checklist: Checklist = {
  id: 'service',
  version: 1,
  name: text('服务监督检查表'),
  publishedAt: '2026-12-01T00:00:00.000Z',
  publishedBy: 'admin',
  sections: [
    {
      id: 'environment',
      title: text('环境'),
      items: [
        item('env-clean', 20, { type: 'yes-no' }),
        item('five-s', 20, { type: 'score', max: 4 }),
        item('waiting', 20, { type: 'number', unit, passAtMost: 15 }),
      ],
    },
    {
      id: 'quality',
      title: text('质量'),
      items: [
        { ...item('care-window', 20, { type: 'yes-no' }), allowNotApplicable: true },
        { ...item('hotline', 20, { type: 'yes-no' }), redLine: true, photoOnFail: true },
      ],
    },
  ],
};

function item(id: string, points: number, kind: Checklist['sections'][number]['items'][number]['kind']) {
  return { id, text: text(id), points, kind, allowNotApplicable: false, photoOnFail: false, redLine: false };
}

const allGood = [
  { itemId: 'env-clean', passed: true },
  { itemId: 'five-s', mark: 4 },
  { itemId: 'waiting', value: 15 },
  { itemId: 'care-window', passed: true },
  { itemId: 'hotline', passed: true },
];

describe('scoring an inspection (README: the checklist format and its scoring rules)', () => {
  it('gives 100 for everything done, the number exactly at its threshold included', () => {
    const result = scoreInspection(checklist, allGood);
    expect(result).toMatchObject({
      earned: 100,
      possible: 100,
      score: 100,
      redLineFailed: false,
      passed: true,
    });
    expect(result.items.filter((i) => i.failed)).toEqual([]);
  });

  it('gives a mark its share of the points, and a number past its threshold none', () => {
    // five-s 3 of 4 → 15 of 20; waiting 16 minutes → 0 of 20; the other three 60: 75 of 100.
    const result = scoreInspection(checklist, [
      ...allGood.filter((a) => a.itemId !== 'five-s' && a.itemId !== 'waiting'),
      { itemId: 'five-s', mark: 3 },
      { itemId: 'waiting', value: 16 },
    ]);
    expect(result).toMatchObject({ earned: 75, possible: 100, score: 75, passed: true });
    expect(result.items.filter((i) => i.failed).map((i) => i.itemId)).toEqual(['five-s', 'waiting']);
  });

  it('leaves an item not applicable out of the total, so the score stays comparable', () => {
    // care-window not applicable: 80 possible; env-clean failed: 60 of 80 = 75.
    const result = scoreInspection(checklist, [
      { itemId: 'env-clean', passed: false },
      { itemId: 'five-s', mark: 4 },
      { itemId: 'waiting', value: 3 },
      { itemId: 'care-window', notApplicable: true },
      { itemId: 'hotline', passed: true },
    ]);
    expect(result).toMatchObject({ earned: 60, possible: 80, score: 75 });
  });

  it('fails the inspection on a red line, whatever the points', () => {
    const result = scoreInspection(checklist, [
      ...allGood.filter((a) => a.itemId !== 'hotline'),
      { itemId: 'hotline', passed: false, photo: 'photos/a.jpg' },
    ]);
    expect(result).toMatchObject({
      earned: 80,
      possible: 100,
      score: 80,
      redLineFailed: true,
      passed: false,
    });
  });

  it('rounds the score to one decimal', () => {
    // env-clean 20, five-s 1 of 4 → 5, waiting 30 minutes → 0, care-window n/a, hotline 20:
    // 45 of 80 = 56.25 → 56.3.
    const result = scoreInspection(checklist, [
      { itemId: 'env-clean', passed: true },
      { itemId: 'five-s', mark: 1 },
      { itemId: 'waiting', value: 30 },
      { itemId: 'care-window', notApplicable: true },
      { itemId: 'hotline', passed: true },
    ]);
    expect(result.earned).toBe(45);
    expect(result.score).toBe(56.3);
  });
});

describe('what cannot be scored', () => {
  it('names each problem by item: missing, unknown, a refused not-applicable, a wrong kind, a mark out of range, a photo owed', () => {
    expect(
      answerProblems(checklist, [
        { itemId: 'env-clean', notApplicable: true },
        { itemId: 'five-s', mark: 5 },
        { itemId: 'waiting', passed: true },
        { itemId: 'hotline', passed: false },
        { itemId: 'no-such-item', passed: true },
      ]),
    ).toEqual({
      'env-clean': 'notApplicableRefused',
      'five-s': 'markOutOfRange',
      waiting: 'wrongKind',
      'care-window': 'missing',
      hotline: 'photoRequired',
      'no-such-item': 'unknown',
    });
    expect(answerProblems(checklist, allGood)).toEqual({});
    expect(
      answerProblems(checklist, [
        ...allGood.slice(0, 1),
        { itemId: 'five-s', mark: 2.5 },
        ...allGood.slice(2),
      ]),
    ).toEqual({
      'five-s': 'markOutOfRange',
    });
  });

  it('refuses a checklist with duplicate ids, no points, a bad maximum or a number without one threshold', () => {
    const broken: Checklist = {
      ...checklist,
      sections: [
        {
          id: 'a',
          title: text('a'),
          items: [
            item('x', 10, { type: 'yes-no' }),
            item('x', 0, { type: 'score', max: 0 }),
            item('y', 5, { type: 'number', unit, passAtMost: 1, passAtLeast: 0 }),
          ],
        },
        { id: 'a', title: text('b'), items: [] },
      ],
    };
    expect(checklistProblems(broken)).toEqual({
      'sections.0.items.1.id': 'duplicate',
      'sections.0.items.1.points': 'points',
      'sections.0.items.1.kind.max': 'scoreMax',
      'sections.0.items.2.kind': 'threshold',
      'sections.1.id': 'duplicate',
      'sections.1.items': 'empty',
    });
    expect(checklistProblems(checklist)).toEqual({});
  });
});
