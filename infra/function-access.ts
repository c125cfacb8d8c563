import { partitions } from '../functions/adapters/dynamodb/keys.js';
import type { TableAccess } from './bindings.js';
import type { LambdaName } from './lambda-bundles.js';

const T = partitions.table;

/**
 * What each function's code does to the table, read from the code (repositories in
 * functions/adapters/dynamodb, called from the services, routes, stream reactions and jobs each
 * function bundles). A new repository call in a function needs a line here, or it is denied in
 * AWS; the infra test states the same per function, written from what the function must do.
 *
 * `dynamodb:LeadingKeys` holds every write to the partitions of its item types: keys are
 * `<PREFIX><id>` (keys.ts), so `StringLike` on the prefix works for every write the code makes:
 * PutItem, UpdateItem, DeleteItem, BatchWriteItem, and the Puts and Updates of a
 * TransactWriteItems (each authorized as a PutItem or UpdateItem with its own key). It is not used on reads: a Query on an index is
 * keyed by the index's partition (`INBOX#…`, `RATINGS#…`), which LeadingKeys does not describe,
 * and reads change nothing. What it cannot do is tell a complaint's record from its audit events
 * (one partition, `COMPLAINT#<no>`): the public, staff and schedule functions write complaints,
 * so IAM alone cannot make the trail append-only; the events' conditional writes do in the code,
 * and the audit archive (Object Lock, compliance mode) does whatever the code does.
 */
export const tableAccess: Record<LambdaName, TableAccess> = {
  /**
   * Customers (and staff entering a complaint through the same route): reads outlets, routing
   * rules, submissions, a complaint's timeline (tracking) and the health item; lists outlets and
   * regions (gsi1) and counts an outlet's recent complaints (gsi2, recurring pattern). Writes a
   * rating or a complaint once per submission (the complaint with its marker and first events in
   * one transaction), details on a rating, tracking-limit tries, and a customer's verdict (a Put
   * of the complaint and its event).
   */
  public: {
    read: ['GetItem', 'Query'],
    indexes: ['gsi1', 'gsi2'],
    write: [
      { actions: ['PutItem'], partitions: [T.submission, T.complaint] },
      { actions: ['UpdateItem'], partitions: [T.submission, T.trackingLimit] },
    ],
  },
  /**
   * Staff: the inbox (gsi1 by department, gsi4 by owner), an outlet's complaints and ratings
   * (gsi2), rankings and warnings (gsi1) and the bank's ranking of outlets (gsi3), a complaint with
   * its timeline, rollups and warning counts (the table), the outlets, rollups and warnings of a
   * page (BatchGetItem). Writes lifecycle steps (a Put of the complaint and its event), outlets,
   * the routing rules, and acknowledges warnings with their counts (updates in one transaction).
   * Service supervision: publishes checklist versions, takes inspections in with their
   * rectification tasks (and a mystery visit's assignment marked used) in one transaction, plans
   * mystery visits, releases them (an update of the inspection with its tasks) and saves task
   * steps, adding to the month's supervision tallies in the same transactions. Never a rating, a
   * rollup or the outbox.
   */
  staff: {
    read: ['GetItem', 'BatchGetItem', 'Query'],
    indexes: ['gsi1', 'gsi2', 'gsi3', 'gsi4'],
    write: [
      {
        actions: ['PutItem'],
        partitions: [
          T.complaint,
          T.outlet,
          T.config,
          T.checklist,
          T.inspection,
          T.rectification,
          T.mysteryVisit,
        ],
      },
      {
        actions: ['UpdateItem'],
        partitions: [T.warning, T.warningSummary, T.inspection, T.mysteryVisit, T.supervisionTally],
      },
    ],
  },
  /**
   * The outbox: claims, marks and releases each (event, topic) in its own partition, reads the
   * complaint of a customer notice, and marks outlet-days stale (one item per batch). No index,
   * no complaint write.
   */
  stream: {
    read: ['GetItem'],
    indexes: [],
    write: [
      { actions: ['PutItem'], partitions: [T.outbox, T.staleRollup] },
      { actions: ['UpdateItem', 'DeleteItem'], partitions: [T.outbox] },
    ],
  },
  /**
   * Rollups read outlets and regions (gsi1; a refresh reads the few outlets it needs in batches),
   * an outlet's ratings and complaints (gsi2), stored rollups and stale marks (the table), outlets'
   * and regions' days of one date and rankings (gsi1); write rollups (batches of puts), clear the
   * stale marks they read (batches of deletes), raise warnings (each with its count, in one
   * transaction); the sweeper reads inboxes (gsi1) and writes lifecycle steps; the rectification
   * sweeper reads the tasks owing an alert (gsi4) and writes each task with its alert item (one
   * transaction of two Puts).
   */
  schedule: {
    read: ['GetItem', 'BatchGetItem', 'Query'],
    indexes: ['gsi1', 'gsi2', 'gsi4'],
    write: [
      { actions: ['PutItem'], partitions: [T.rollup, T.warning, T.complaint, T.rectification] },
      { actions: ['UpdateItem'], partitions: [T.warningSummary] },
      { actions: ['BatchWriteItem'], partitions: [T.rollup, T.staleRollup] },
    ],
  },
};

/**
 * Which secrets each function reads at run time: the QR secret checks outlet keys (customers)
 * and makes QR codes (admins); the personal-data key seals a complaint's contact (intake), opens
 * it for `reveal-phone` (staff) and for a customer's text message (stream); the origin-verify
 * value proves a request came through CloudFront, which both HTTP functions require of every
 * request (the API's own execute-api address would skip the WAF) and the public one also uses to
 * believe the viewer's address. The schedule function reads none.
 */
export const secretAccess: Record<LambdaName, readonly ('qr' | 'personalData' | 'originVerify')[]> = {
  public: ['qr', 'personalData', 'originVerify'],
  staff: ['qr', 'personalData', 'originVerify'],
  stream: ['personalData'],
  schedule: [],
};
