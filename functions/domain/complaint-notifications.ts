import type { Complaint } from './complaint.js';

/**
 * What the department (and head office) are told about a complaint. Built from the complaint
 * when the event is written, delivered later from the stream. Never carries the customer's name
 * or phone number: SNS subscribers (email, SMS) are outside the bank's data boundary.
 */
export interface ComplaintNotice {
  topic: string;
  subject: string;
  body: Record<string, unknown>;
  attributes: Record<string, string>;
  deduplicationId: string;
}

export function complaintNotice(
  complaint: Complaint,
  topic: string,
  what: string,
  baseUrl: string,
  eventId: string,
): ComplaintNotice {
  return {
    topic,
    subject: `[${complaint.severity === 'major' ? 'MAJOR' : 'complaint'}] ${what}: ${complaint.trackingNo}`,
    body: {
      event: what,
      trackingNo: complaint.trackingNo,
      category: complaint.category,
      severity: complaint.severity,
      outletId: complaint.outletId,
      regionId: complaint.regionId,
      departmentId: complaint.handlingDepartmentId,
      ownerDepartmentId: complaint.owner?.departmentId,
      status: complaint.status,
      receivedAt: complaint.receivedAt,
      dueAt: complaint.dueAt,
      inboxUrl: `${baseUrl}/staff#/complaints/${complaint.trackingNo}`,
    },
    attributes: {
      department: complaint.handlingDepartmentId,
      category: complaint.category,
      severity: complaint.severity,
      outlet: complaint.outletId,
      region: complaint.regionId,
      event: what,
    },
    deduplicationId: `${complaint.trackingNo}:${eventId}:${topic}`,
  };
}

export const HEAD_OFFICE_TOPIC = 'head-office';
