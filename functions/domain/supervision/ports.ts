/**
 * Ports of service supervision, declared beside its domain: what the services need from the
 * outside world, implemented by adapters (functions/adapters/s3/photo-store.ts).
 */

/** A presigned browser upload: POST `fields` then the file (as `file`) as multipart/form-data to `url`. */
export interface PhotoUpload {
  url: string;
  fields: Record<string, string>;
  /** When the upload's policy stops being accepted (ISO). */
  expiresAt: string;
}

/**
 * Where inspection and rectification photos are kept. The store itself enforces what an upload
 * may be: the policy it signs names the key, the type and the size range, so the store refuses a
 * file that breaks them whatever the page did. Reads are short-lived presigned URLs.
 */
export interface PhotoStore {
  presignUpload(request: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<PhotoUpload>;
  presignRead(key: string, expiresInSeconds: number): Promise<string>;
  /** The origin uploads go to and reads redirect to: the pages' CSP allows it and nothing more. */
  readonly origin: string;
}

/** The photo types the pages upload (shrunk in the browser): JPEG, or WebP where the browser makes it. */
export const PHOTO_TYPES = ['image/jpeg', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Every photo key starts so: the upload policy's prefix, and the only place the staff function may write. */
export const PHOTO_PREFIX = 'photos/';
/** How long an upload's policy is accepted, and a read's URL. */
export const PHOTO_UPLOAD_SECONDS = 600;
export const PHOTO_READ_SECONDS = 300;

/** What a photo belongs to: an inspection (its client-made id) or a rectification task. */
export type PhotoOwner = { kind: 'inspections' | 'rectifications'; id: string };

/** The folder of one inspection's or one task's photos: the upload makes every key under it. */
export const photoFolder = (owner: PhotoOwner) => `${PHOTO_PREFIX}${owner.kind}/${owner.id}/`;

/**
 * Whether a photo key is one the upload made for this inspection or this task: under its folder,
 * one file name of the upload's shape (`<random>.jpg|webp`). A key made for another inspection
 * or task, or of any other shape, does not belong: an answer cannot cite someone else's photo.
 */
export function photoBelongsTo(key: string, owner: PhotoOwner): boolean {
  const folder = photoFolder(owner);
  return key.startsWith(folder) && /^[A-Za-z0-9_-]{1,40}\.(jpg|webp)$/.test(key.slice(folder.length));
}
