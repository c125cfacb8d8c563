import { pageFetch } from './page-fetch.js';

/**
 * Photos of findings: shrunk in the browser, then uploaded straight to storage with a presigned
 * POST, by the contract shared with the API:
 *
 * 1. `POST /api/v1/supervision/photo-uploads` (signed-in staff) or
 *    `POST /api/v1/mystery/{token}/photo-uploads` (a mystery shopper's link), JSON
 *    `{ inspectionId | rectificationId, contentType, size }` → 201
 *    `{ url, fields, key, maxBytes, expiresAt }`;
 * 2. `multipart/form-data` POST to `url`: every entry of `fields` first, the file last as `file`;
 *    storage answers 204;
 * 3. the inspection's (or the rectification answer's) `photo` carries `key`.
 *
 * The size and type are enforced by the presigned policy itself, so storage refuses what breaks
 * them; the API refuses them first with field messages in the page's language.
 */
export const PHOTO_LONGEST_SIDE = 1600;
export const PHOTO_QUALITY = 0.8;

/**
 * Shrinks a camera picture to at most 1600 px on its longest side, as JPEG at quality 0.8: a
 * phone's 12-megapixel photo of 4 MB becomes a few hundred KB, under the upload's limit.
 */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded'))),
      'image/jpeg',
      PHOTO_QUALITY,
    ),
  );
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  key: string;
  maxBytes: number;
  expiresAt: string;
}

/** Where a photo belongs, and who asks: staff with their token, or a mystery shopper's link. */
export type PhotoOwner =
  | { inspectionId: string; token?: undefined; authorization?: string | undefined }
  | { rectificationId: string; token?: undefined; authorization?: string | undefined }
  | { inspectionId: string; token: string; authorization?: undefined };

/** Why an upload failed: the API refused it (its words), storage refused it, or no network. */
export class PhotoUploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Uploads one photo and answers its key. A network failure rejects with a TypeError (retry later). */
export async function uploadPhoto(photo: Blob, owner: PhotoOwner): Promise<string> {
  const contentType = photo.type === 'image/webp' ? 'image/webp' : 'image/jpeg';
  const path = owner.token
    ? `/api/v1/mystery/${encodeURIComponent(owner.token)}/photo-uploads`
    : '/api/v1/supervision/photo-uploads';
  const body =
    'rectificationId' in owner
      ? { rectificationId: owner.rectificationId, contentType, size: photo.size }
      : { inspectionId: owner.inspectionId, contentType, size: photo.size };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!owner.token && owner.authorization) headers.authorization = owner.authorization;
  const response = await pageFetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== 201) {
    const refusal = (await response.json().catch(() => ({}))) as {
      message?: string;
      fields?: Record<string, string>;
    };
    throw new PhotoUploadError(refusal.message ?? String(response.status), response.status, refusal.fields);
  }
  const presigned = (await response.json()) as PresignedUpload;
  if (photo.size > presigned.maxBytes)
    throw new PhotoUploadError(`The photo is larger than ${presigned.maxBytes} bytes`, 413);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
  form.append('file', photo, 'photo.jpg');
  const stored = await fetch(presigned.url, { method: 'POST', body: form });
  if (!stored.ok) throw new PhotoUploadError(`Storage refused the photo (${stored.status})`, stored.status);
  return presigned.key;
}

/** Where a page shows a stored photo: the API answers with a short-lived link to it. */
export const photoSrc = (key: string) =>
  `/api/v1/supervision/photos/${key.split('/').map(encodeURIComponent).join('/')}`;
