/**
 * A staff member named in the complaint's "staff involved" may read it but take no action on it
 * and reveal nothing (not the customer's phone, which would let them call the customer about a
 * complaint against themselves): nobody handles a complaint about themselves. The customer writes
 * the field freely, so it is matched on the username, the display name, and the display name's
 * leading personal name (directories often show `王芳 · 个人金融部`), ignoring case and spacing,
 * and, given `toSimplified`, ignoring the script: a customer in Hong Kong writes `徐麗` for the
 * directory's `徐丽`.
 */
export function isRecused(
  staffInvolved: string | undefined,
  staff: { username: string; displayName: string },
  toSimplified: (text: string) => string = (text) => text,
): boolean {
  if (!staffInvolved) return false;
  const squash = (text: string) => toSimplified(text).toLowerCase().replace(/\s+/g, '');
  const haystack = squash(staffInvolved);
  const personalName = staff.displayName.split(/[·•|/(（\-–—,，]/)[0] ?? '';
  return [staff.username, staff.displayName, personalName]
    .map(squash)
    .some((needle) => needle.length >= 2 && haystack.includes(needle));
}
