import type { LocalPlatform } from '../../functions/local/platform.js';
import { keyFor, newSubmissionId, postJson } from './customer.js';

export const aComplaint = (outletId: string, overrides: Record<string, unknown> = {}) => ({
  outletId,
  submissionId: newSubmissionId(),
  category: 'waiting-time',
  description: '排队一个多小时，只开了一个窗口，工作人员也没有解释。',
  contact: { name: '王小明', phone: '138 1234 5678' },
  preferredChannel: 'call',
  consent: true,
  lang: 'zh-CN',
  ...overrides,
});

/** Files a complaint the way the page does (with the outlet's QR key) and returns the receipt. */
export async function fileComplaint(
  platform: LocalPlatform,
  outletId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await postJson(`${platform.url}/api/v1/complaints`, {
    ...aComplaint(outletId, overrides),
    k: await keyFor(platform, outletId),
    ...overrides,
  });
  if (response.status !== 201)
    throw new Error(`complaint answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as {
    trackingNo: string;
    department: { id: string };
    dueAt: string;
    receivedAt: string;
    severity: string;
  };
}
