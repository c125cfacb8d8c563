import { beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/complaints.js';
import { usePlatform } from '../support/platform.js';
import { staffAs, trackingNos } from '../support/staff.js';

/**
 * The access matrix: who may read and act on which complaint, and who sees which inbox. A
 * department never sees another's complaints, and a complaint out of reach answers 404, the same
 * as a tracking number that does not exist.
 */
const ctx = usePlatform({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
let atOperations: string; // waiting-time at sh-jingan → operations
let atCards: string; // cards-and-accounts at bj-guomao → cards

beforeAll(async () => {
  atOperations = (await fileComplaint(ctx.platform, 'sh-jingan')).trackingNo;
  atCards = (await fileComplaint(ctx.platform, 'bj-guomao', { category: 'cards-and-accounts' })).trackingNo;
});

const users = [
  'admin',
  'head-office',
  'operations.1',
  'cards.1',
  'retail-banking.1',
  'manager.sh-jingan',
  'manager.bj-guomao',
] as const;

/** Expected status for reading / noting the operations complaint, per user. */
const matrix: Record<(typeof users)[number], { read: number; note: number }> = {
  admin: { read: 403, note: 403 },
  'head-office': { read: 200, note: 200 },
  'operations.1': { read: 200, note: 200 },
  'cards.1': { read: 404, note: 404 },
  'retail-banking.1': { read: 404, note: 404 },
  'manager.sh-jingan': { read: 200, note: 403 },
  'manager.bj-guomao': { read: 404, note: 404 },
};

describe('who may read and act on a complaint', () => {
  for (const user of users) {
    it(`${user}: read ${matrix[user].read}, act ${matrix[user].note}`, async () => {
      const staff = staffAs(ctx, user);
      const read = await staff.complaint(atOperations);
      expect(read.status).toBe(matrix[user].read);
      const current = await staffAs(ctx, 'operations.1').complaint(atOperations);
      const note = await staff.act(atOperations, {
        type: 'note',
        text: `checked by ${user}`,
        expectedVersion: current.body.version,
      });
      expect(note.status).toBe(matrix[user].note);
    });
  }

  it('without a token: 401 everywhere on the staff API', async () => {
    for (const path of [`/staff/complaints/${atOperations}`, '/inbox?view=new', '/staff/me']) {
      expect((await fetch(`${ctx.url}/api/v1${path}`)).status).toBe(401);
    }
    const act = await fetch(`${ctx.url}/api/v1/staff/complaints/${atOperations}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'accept', expectedVersion: 1 }),
    });
    expect(act.status).toBe(401);
  });

  it('another department’s complaint is indistinguishable from one that does not exist', async () => {
    const cards = staffAs(ctx, 'cards.1');
    const other = await cards.complaint(atOperations);
    const missing = await cards.complaint('ABCD-EFGH-JKLM');
    expect(other).toEqual(missing);
  });

  it('an outlet manager reads the outlet’s complaints with the phone masked, and may not act', async () => {
    const manager = staffAs(ctx, 'manager.sh-jingan');
    const read = await manager.complaint(atOperations);
    expect(read.body).toMatchObject({
      standing: 'outlet-manager',
      allowedActions: [],
      contact: { phone: '*******5678' },
    });
    const reveal = await manager.step(atOperations, { type: 'reveal-phone' });
    expect(reveal.status).toBe(403);
  });
});

describe('whose inbox is whose', () => {
  it('each department sees its own complaints and never another’s', async () => {
    const operations = await staffAs(ctx, 'operations.1').inbox('new');
    const cards = await staffAs(ctx, 'cards.1').inbox('new');
    expect(trackingNos(operations)).toContain(atOperations);
    expect(trackingNos(operations)).not.toContain(atCards);
    expect(trackingNos(cards)).toContain(atCards);
    expect(trackingNos(cards)).not.toContain(atOperations);
    expect(trackingNos(await staffAs(ctx, 'retail-banking.1').inbox('new'))).toEqual([]);
  });

  it('staff cannot open another department’s inbox; head office can open any, by name', async () => {
    expect((await staffAs(ctx, 'operations.1').inbox('new', 'cards')).status).toBe(403);
    const headOffice = staffAs(ctx, 'head-office');
    expect((await headOffice.inbox('new')).status).toBe(400);
    expect(trackingNos(await headOffice.inbox('new', 'cards'))).toContain(atCards);
    expect((await headOffice.inbox('new', 'nowhere')).status).toBe(400);
  });

  it('admins and outlet managers have no inbox', async () => {
    expect((await staffAs(ctx, 'admin').inbox('new')).status).toBe(403);
    expect((await staffAs(ctx, 'manager.sh-jingan').inbox('new')).status).toBe(403);
  });

  it('answers 400 for an unknown view or a bad cursor, and pages by due date', async () => {
    const staff = staffAs(ctx, 'operations.2');
    expect((await staff.inbox('everything')).status).toBe(400);
    expect((await staff.get('/inbox?view=new&cursor=nonsense')).status).toBe(400);
    await fileComplaint(ctx.platform, 'sh-xujiahui', { category: 'atm-self-service' });
    const first = await staff.get('/inbox?view=new&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await staff.get(`/inbox?view=new&limit=1&cursor=${String(first.body.nextCursor)}`);
    const [a] = first.body.items as { dueAt: string; trackingNo: string }[];
    const [b] = second.body.items as { dueAt: string; trackingNo: string }[];
    expect(a && b && `${a.dueAt}${a.trackingNo}` < `${b.dueAt}${b.trackingNo}`).toBe(true);
  });
});
