import { postJson } from './customer.js';

type Platform = { url: string; token(username: string): Promise<string> };
export type Answer = { status: number; body: Record<string, unknown> & { [key: string]: unknown } };

/** The staff API as one signed-in user sees it (tokens from the local dev issuer). */
export function staffAs(ctx: Platform, username: string) {
  let token: Promise<string> | undefined;
  const auth = async (): Promise<Record<string, string>> => {
    token ??= ctx.token(username);
    return { authorization: `Bearer ${await token}` };
  };
  const get = async (path: string): Promise<Answer> => {
    const response = await fetch(`${ctx.url}/api/v1${path}`, { headers: await auth() });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  return {
    get,
    complaint: (trackingNo: string) => get(`/staff/complaints/${trackingNo}`),
    inbox: (view: string, department?: string) =>
      get(`/inbox?view=${view}${department ? `&department=${department}` : ''}`),
    act: async (trackingNo: string, action: Record<string, unknown>): Promise<Answer> =>
      postJson(`${ctx.url}/api/v1/staff/complaints/${trackingNo}/actions`, action, await auth()),
    /** Accepts the complaint (becoming its owner) and resolves it with `decision`. */
    async acceptAndResolve(trackingNo: string, decision: string, rootCause = 'process'): Promise<Answer> {
      await this.step(trackingNo, { type: 'accept' });
      return this.step(trackingNo, {
        type: 'resolve',
        decision,
        rootCause,
        correctiveAction: 'Coaching and a rota change.',
      });
    },
    /** Reads the complaint's current version, then acts on it. */
    async step(trackingNo: string, action: Record<string, unknown>): Promise<Answer> {
      const current = await this.complaint(trackingNo);
      if (current.status !== 200) return current;
      return this.act(trackingNo, { ...action, expectedVersion: current.body.version });
    },
  };
}

export const trackingNos = (answer: Answer) =>
  (answer.body.items as { trackingNo: string }[]).map((i) => i.trackingNo);
