export class PgRowChanges {
  constructor(_db: unknown, _l?: unknown) {}
  async catchUp() {}
  seen() {
    return undefined;
  }
  transient() {
    return [];
  }
  updated() {
    return false;
  }
  deletedExisting() {
    return false;
  }
  paused<T>(work: () => Promise<T>) {
    return work();
  }
  reset() {}
  dispose() {}
}
