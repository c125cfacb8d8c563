import { outletKey } from './outlet-key.js';

/** The URLs printed for an outlet: its survey (the QR code) and its complaint form. */
export function outletLinks(baseUrl: string, outletId: string, qrSecret: string) {
  const k = outletKey(qrSecret, outletId);
  const id = encodeURIComponent(outletId);
  return {
    surveyUrl: `${baseUrl}/s/${id}?k=${k}`,
    complaintUrl: `${baseUrl}/c/${id}?k=${k}`,
  };
}
