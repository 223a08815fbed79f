/**
 * A set of the last `capacity` ids added: membership in constant time, the oldest forgotten
 * first, so remembering what was seen costs bounded memory however long a job runs.
 */
export class RecentIds {
  readonly #capacity: number;
  // A Set iterates in insertion order: its first entry is the oldest.
  readonly #ids = new Set<string>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  add(id: string): void {
    if (this.#ids.has(id)) return;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
  }

  get size(): number {
    return this.#ids.size;
  }
}
