/**
 * The gallery's view of the project's images: a filter and the pages loaded so far. The list can hold
 * 100k images, so rows are fetched a page at a time as the virtual list scrolls to them.
 */
import type { SamlabelClient } from '../../../shared/ipc/api.js';
import type { ResponseOut } from '../../../shared/ipc/api.js';
import { Observable } from '../../editor/store.js';

export type ImageSummary = ResponseOut<'image:info'>;
export type ImageStatus = ImageSummary['status'];

export interface GalleryFilter {
  readonly status: ImageStatus | null;
  readonly labelId: string | null;
}

export interface GalleryState {
  readonly filter: GalleryFilter;
  /** Images matching the filter; null until the first page answered. */
  readonly total: number | null;
  /** Bumped when any page arrives, so the list re-renders. */
  readonly version: number;
}

export const PAGE_SIZE = 200;

export class GalleryModel extends Observable<GalleryState> {
  private pages = new Map<number, readonly ImageSummary[]>();
  private loading = new Set<number>();
  /** Bumped on filter change, so pages of the old filter arriving late are ignored. */
  private generation = 0;

  constructor(
    private readonly client: SamlabelClient,
    private readonly onError: (error: unknown) => void,
  ) {
    super({ filter: { status: null, labelId: null }, total: null, version: 0 });
  }

  setFilter(filter: GalleryFilter): void {
    this.generation++;
    this.pages = new Map();
    this.loading = new Set();
    this.set({ filter, total: null, version: this.get().version + 1 });
    this.ensure(0, 1);
  }

  /** Reloads every loaded page (statuses and counts changed). */
  refresh(): void {
    const loaded = [...this.pages.keys()];
    this.generation++;
    this.loading = new Set();
    for (const page of loaded.length > 0 ? loaded : [0]) void this.load(page);
  }

  itemAt(index: number): ImageSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** The loaded row of an image (a gallery row is what image:info answers), if any. */
  find(imageId: string): ImageSummary | undefined {
    return this.locate(imageId)?.row;
  }

  /**
   * What project:findImage would answer from the loaded rows (same path order, same filter): the next
   * or previous row after `imageId` whose status is in `statuses` (any when absent). Undefined when the
   * loaded rows cannot tell: the image or a row on the way is not loaded, the end of the list is reached
   * (the store may know more by now), or a label filter is on (rows do not carry their labels).
   */
  neighbour(imageId: string, direction: 'next' | 'previous', statuses?: readonly ImageStatus[]): ImageSummary | undefined {
    const at = this.get().filter.labelId === null ? this.locate(imageId)?.index : undefined;
    if (at === undefined) return undefined;
    const step = direction === 'next' ? 1 : -1;
    for (let i = at + step; i >= 0 && i < (this.get().total ?? 0); i += step) {
      const row = this.itemAt(i);
      if (!row) return undefined;
      if (!statuses || statuses.includes(row.status)) return row;
    }
    return undefined;
  }

  private locate(imageId: string): { row: ImageSummary; index: number } | undefined {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((row) => row.imageId === imageId);
      if (at !== -1) return { row: rows[at], index: page * PAGE_SIZE + at };
    }
    return undefined;
  }

  /** Makes sure rows [start, end) are loaded or on their way. */
  ensure(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
    for (let page = first; page <= last; page++) {
      if (!this.pages.has(page) && !this.loading.has(page)) void this.load(page);
    }
  }

  /** The filter as the store's listImages/findImage take it. */
  query(): { status?: ImageStatus[]; labelId?: string } {
    const { status, labelId } = this.get().filter;
    return { ...(status ? { status: [status] } : {}), ...(labelId ? { labelId } : {}) };
  }

  /** Replaces one image's row wherever it is loaded (after an accept, a status change, an undo). */
  patch(image: ImageSummary): void {
    for (const [page, rows] of this.pages) {
      const at = rows.findIndex((row) => row.imageId === image.imageId);
      if (at === -1) continue;
      this.pages.set(page, rows.map((row, i) => (i === at ? image : row)));
      this.set({ version: this.get().version + 1 });
    }
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.loading.add(page);
    try {
      const answer = await this.client.project.listImages({ offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...this.query() });
      if (generation !== this.generation) return;
      this.pages.set(page, answer.images);
      this.set({ total: answer.total, version: this.get().version + 1 });
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    } finally {
      if (generation === this.generation) this.loading.delete(page);
    }
  }
}
