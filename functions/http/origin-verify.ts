/**
 * How a request proves it came through CloudFront: CloudFront adds `x-origin-verify`, with a value
 * from Secrets Manager clients never see (infra/web.ts), to every request it forwards to the API,
 * and writes the viewer's address into `x-viewer-address` over anything the client sent. Named
 * once here: the stack sets them and the functions read them.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
