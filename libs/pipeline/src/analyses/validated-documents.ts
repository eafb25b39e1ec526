/**
 * Validated documents of analyses that have finished, by a key that changes whenever the stored
 * document can (the analysis' completion time, the report's update time). Validating a stored
 * result costs more than reading it, and a completed analysis never changes: each version is
 * validated once. Oldest entries go first when the cache is full.
 */
export class ValidatedDocuments<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string, validate: () => T): T {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const document = validate();
    this.entries.set(key, document);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return document;
  }
}
