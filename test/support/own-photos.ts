/**
 * An inspection's answers with their photos under the inspection's own folder, as the upload
 * makes them (README, "Photos": `photos/inspections/<the inspection's id>/<file>`): a test writes
 * `photos/test/<file>` and this moves it to where the API accepts it.
 */
export function ownPhotos<T extends { id: string; answers: unknown[] }>(body: T): T {
  return {
    ...body,
    answers: body.answers.map((answer) => {
      const a = answer as { photo?: string };
      return a.photo?.startsWith('photos/test/')
        ? { ...a, photo: `photos/inspections/${body.id}/${a.photo.slice('photos/test/'.length)}` }
        : answer;
    }),
  };
}
