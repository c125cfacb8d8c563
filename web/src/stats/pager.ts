/**
 * Where a paged list is: the cursors of the pages seen so far (the API's `nextCursor`s), so
 * "previous" goes back without the API keeping anything, and the rows before this page (for a
 * page's "21–40"). Only one page of a list is ever on screen.
 */
export class Pager {
  private cursors: (string | undefined)[] = [undefined];
  private offsets: number[] = [0];
  private nextCursor: string | undefined;

  constructor(readonly size: number) {}

  /** The cursor to ask the current page with. */
  get cursor(): string | undefined {
    return this.cursors.at(-1);
  }

  /** How many rows come before the current page. */
  get offset(): number {
    return this.offsets.at(-1) ?? 0;
  }

  get hasPrevious(): boolean {
    return this.cursors.length > 1;
  }

  get hasNext(): boolean {
    return this.nextCursor !== undefined;
  }

  /** Notes what the current page's answer said: its length, and where the next one starts. */
  loaded(next: string | undefined) {
    this.nextCursor = next;
  }

  next(rowsOnPage: number) {
    if (!this.nextCursor) return;
    this.offsets.push(this.offset + rowsOnPage);
    this.cursors.push(this.nextCursor);
    this.nextCursor = undefined;
  }

  previous() {
    if (this.cursors.length <= 1) return;
    this.cursors.pop();
    this.offsets.pop();
    this.nextCursor = undefined;
  }

  reset() {
    this.cursors = [undefined];
    this.offsets = [0];
    this.nextCursor = undefined;
  }
}
