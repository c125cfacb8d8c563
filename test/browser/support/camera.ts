import type { Page } from 'playwright-core';

/** A camera's picture of the given size, made in the page (a JPEG of a gradient). */
export async function cameraPicture(page: Page, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w as number, h as number);
      const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const gradient = g.createLinearGradient(0, 0, w as number, h as number);
      gradient.addColorStop(0, '#9b1c1c');
      gradient.addColorStop(1, '#f6f6f4');
      g.fillStyle = gradient;
      g.fillRect(0, 0, w as number, h as number);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    },
    [width, height],
  );
  return Buffer.from(base64, 'base64');
}

/** The photo the draft keeps in IndexedDB for an item: its type and size in pixels. */
export function keptPhoto(page: Page, owner: string, itemId: string) {
  return page.evaluate(
    ([who, id]) =>
      new Promise<{ type: string; width: number; height: number } | undefined>((done, fail) => {
        const open = indexedDB.open('capture');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const read = open.result
            .transaction('drafts')
            .objectStore('drafts')
            .get(who as string);
          read.onsuccess = async () => {
            const photo = read.result?.answers?.[id as string]?.photo as Blob | undefined;
            if (!photo) return done(undefined);
            const bitmap = await createImageBitmap(photo);
            done({ type: photo.type, width: bitmap.width, height: bitmap.height });
          };
        };
      }),
    [owner, itemId],
  );
}
