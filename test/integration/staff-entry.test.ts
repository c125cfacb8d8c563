import { describe, expect, it } from 'vitest';
import { aComplaint } from '../support/complaints.js';
import { postJson } from '../support/customer.js';
import { usePlatform } from '../support/platform.js';

const ctx = usePlatform({ RATE_LIMIT_STAFF_ENTRIES_PER_MINUTE: '3' });
const enter = async (username: string) =>
  postJson(
    `${ctx.url}/api/v1/complaints`,
    { ...aComplaint('sh-jingan'), channel: 'hotline' },
    {
      authorization: `Bearer ${await ctx.token(username)}`,
    },
  );

describe('complaints entered by staff (hotline, counter)', () => {
  it.each([
    ['operations.1', 201],
    ['head-office', 201],
    ['admin', 403],
    ['manager.sh-jingan', 403],
  ])('%s → %i', async (username, status) => {
    const answer = await enter(username);
    expect(answer.status).toBe(status);
    if (status === 403) expect(answer.body.message).toBe('投诉由部门员工和总行录入');
  });

  it('limits each staff member to their own number a minute (3 here)', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await enter('cards.1')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await enter('cards.2')).status).toBe(201); // a colleague is not held back
  });
});

describe('roles the platform does not know', () => {
  it('refuses a user whose only role names a department that does not exist', async () => {
    const token = await ctx.platform.issuer.sign({
      username: 'ghost',
      displayName: 'Ghost',
      roles: ['dept:nowhere'],
    });
    const inbox = await fetch(`${ctx.url}/api/v1/inbox?view=new`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(inbox.status).toBe(403);
    const department = await fetch(`${ctx.url}/api/v1/inbox?view=new&department=nowhere`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(department.status).toBe(403);
  });
});
