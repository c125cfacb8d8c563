import { type DBSchema, openDB } from 'idb';
import type { Answer } from '../../../functions/domain/supervision/scoring.js';

/**
 * What the capture page keeps on the device (IndexedDB, through `idb`): the checklist and the
 * signed-in user's reach as last fetched (so the page opens offline), the draft being filled
 * (saved on every change, photos as blobs with it), and the outbox of submitted inspections
 * until the API has them. Nothing here is trusted by the API: it checks every submission.
 */
export interface DraftAnswer {
  /** yes / no, a mark, a measured number, or not applicable; absent until answered. */
  passed?: boolean | undefined;
  mark?: number | undefined;
  value?: number | undefined;
  notApplicable?: boolean | undefined;
  note?: string | undefined;
  /** The shrunk photo, until it is uploaded; then the key the upload answered. */
  photo?: Blob | undefined;
  photoKey?: string | undefined;
}

export interface Draft {
  /** `staff:<username>` or `mystery:<token>`: one draft per person or link. */
  owner: string;
  /** The inspection's id, made here once: a retry of its submission is the same inspection. */
  id: string;
  kind: 'self-check' | 'spot-check' | 'joint-check' | 'mystery-visit';
  outletId: string;
  /** The outlet's name: in the page's language (staff), or in all three (a mystery visit's link). */
  outletName: string | Record<'zh-CN' | 'zh-TW' | 'en', string>;
  round?: 'opening' | 'midday' | 'closing' | undefined;
  checklistId: string;
  checklistVersion: number;
  startedAt: string;
  answers: Record<string, DraftAnswer>;
}

export interface OutboxEntry {
  id: string;
  owner: string;
  draft: Draft;
  queuedAt: string;
  status: 'pending' | 'sent' | 'refused';
  /** What the API answered: the stored inspection (staff) or the receipt (mystery). */
  answer?: unknown;
  /** The API's refusal, worded in the page's language. */
  refusal?: string | undefined;
}

interface CaptureDb extends DBSchema {
  /** Fetched data kept for offline use, by a key: `checklist:<id>`, `me:<user>`, `visit:<token>`. */
  cache: { key: string; value: unknown };
  drafts: { key: string; value: Draft };
  outbox: { key: string; value: OutboxEntry; indexes: { owner: string } };
}

export type { Answer };

const db = () =>
  openDB<CaptureDb>('capture', 1, {
    upgrade(database) {
      database.createObjectStore('cache');
      database.createObjectStore('drafts', { keyPath: 'owner' });
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('owner', 'owner');
    },
  });

export const store = {
  async cached<T>(key: string): Promise<T | undefined> {
    return (await (await db()).get('cache', key)) as T | undefined;
  },
  async cache(key: string, value: unknown) {
    await (await db()).put('cache', value, key);
  },
  async draft(owner: string) {
    return (await db()).get('drafts', owner);
  },
  async saveDraft(draft: Draft) {
    await (await db()).put('drafts', draft);
  },
  async dropDraft(owner: string) {
    await (await db()).delete('drafts', owner);
  },
  /** Moves the draft into the outbox in one transaction: it is never in both, nor in neither. */
  async queue(draft: Draft, now: Date): Promise<OutboxEntry> {
    const database = await db();
    const tx = database.transaction(['drafts', 'outbox'], 'readwrite');
    const entry: OutboxEntry = {
      id: draft.id,
      owner: draft.owner,
      draft,
      queuedAt: now.toISOString(),
      status: 'pending',
    };
    await Promise.all([
      tx.objectStore('outbox').put(entry),
      tx.objectStore('drafts').delete(draft.owner),
      tx.done,
    ]);
    return entry;
  },
  async outbox(owner: string) {
    const entries = await (await db()).getAllFromIndex('outbox', 'owner', owner);
    return entries.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
  },
  async saveEntry(entry: OutboxEntry) {
    await (await db()).put('outbox', entry);
  },
};
