/**
 * Where every audit event of a complaint is kept beyond the table's reach: in AWS an S3 bucket
 * with Object Lock in compliance mode (nobody, administrators included, can change or delete an
 * event before its retention ends); locally a folder or memory.
 *
 * The stream writes each event once per attempt and retries failed records, so `store` must be
 * idempotent: an event's object key is fixed by the event's own table key (tracking number,
 * sequence and time), and storing it again finds it there and changes nothing.
 */
export interface AuditArchive {
  /** `stored` the first time, `already-stored` when a retry finds the event archived. */
  store(event: ArchivedEvent): Promise<'stored' | 'already-stored'>;
}

/** One audit event as the table holds it (its key attributes included), with what names it. */
export interface ArchivedEvent {
  trackingNo: string;
  seq: number;
  at: string;
  /** The stored item, exactly as the stream's new image shows it. */
  item: Record<string, unknown>;
}

/**
 * `audit/<trackingNo>/<seq, 4 digits>-<at, compact UTC>.json`: one folder per complaint, its
 * events listed in order; sequence and time together are the event's sort key in the table, so
 * no two events share an object.
 */
export function archiveKey(event: Pick<ArchivedEvent, 'trackingNo' | 'seq' | 'at'>): string {
  if (!/^[A-Z0-9-]{1,40}$/.test(event.trackingNo))
    throw new Error(`Not a tracking number for an archive key: ${event.trackingNo}`);
  const at = new Date(event.at);
  if (Number.isNaN(at.getTime())) throw new Error(`Not an event time: ${event.at}`);
  const compact = at.toISOString().replace(/[-:.]/g, '');
  return `${ARCHIVE_PREFIX}${event.trackingNo}/${String(event.seq).padStart(4, '0')}-${compact}.json`;
}

export const ARCHIVE_PREFIX = 'audit/';

/** The object's body: the item, as JSON, deterministic for one event. */
export const archiveBody = (event: ArchivedEvent) => `${JSON.stringify(event.item, null, 2)}\n`;

/** Keeps archived events in memory: tests, and the local platform without a data folder. */
export class MemoryAuditArchive implements AuditArchive {
  readonly objects = new Map<string, string>();

  async store(event: ArchivedEvent): Promise<'stored' | 'already-stored'> {
    const key = archiveKey(event);
    if (this.objects.has(key)) return 'already-stored';
    this.objects.set(key, archiveBody(event));
    return 'stored';
  }
}
