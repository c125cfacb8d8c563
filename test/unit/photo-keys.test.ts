import { describe, expect, it } from 'vitest';
import { photoBelongsTo } from '../../functions/domain/supervision/ports.js';

/**
 * A photo key belongs to what cites it (README, "Photos"): an inspection's answer may carry only a
 * key the upload made for that inspection (`photos/inspections/<its id>/<random>.jpg|webp`), a
 * task's answer only one made for that task (`photos/rectifications/<its id>/…`).
 */
const inspection = { kind: 'inspections', id: '0b4f3c1e-7d5a-4a8e-9c61-2f0d3b9e8a77' } as const;
const task = { kind: 'rectifications', id: '0b4f3c1e-7d5a-4a8e-9c61-2f0d3b9e8a77.env-clean' } as const;

describe('a photo key belongs to what cites it', () => {
  it('accepts the keys the upload makes for that inspection or task', () => {
    expect(photoBelongsTo(`photos/inspections/${inspection.id}/q1W-2e_3R4t5Y6u7.jpg`, inspection)).toBe(true);
    expect(photoBelongsTo(`photos/inspections/${inspection.id}/a.webp`, inspection)).toBe(true);
    expect(photoBelongsTo(`photos/rectifications/${task.id}/a.jpg`, task)).toBe(true);
  });

  it('refuses another inspection’s or task’s photo, the other kind’s folder, and any other shape', () => {
    const other = '9a9a9a9a-7d5a-4a8e-9c61-2f0d3b9e8a77';
    for (const key of [
      `photos/inspections/${other}/a.jpg`,
      `photos/rectifications/${inspection.id}/a.jpg`,
      `photos/inspections/${inspection.id}-x/a.jpg`,
      `photos/inspections/${inspection.id}/../${other}/a.jpg`,
      `photos/inspections/${inspection.id}/sub/a.jpg`,
      `photos/inspections/${inspection.id}/a.png`,
      `photos/inspections/${inspection.id}/.jpg`,
      `photos/inspections/${inspection.id}/`,
      'photos/demo/finding.jpg',
      'photos/x.jpg',
      `other/inspections/${inspection.id}/a.jpg`,
    ])
      expect(photoBelongsTo(key, inspection), key).toBe(false);
    expect(photoBelongsTo(`photos/rectifications/${task.id}.other/a.jpg`, task)).toBe(false);
    expect(photoBelongsTo(`photos/inspections/${inspection.id}/a.jpg`, task)).toBe(false);
  });
});
