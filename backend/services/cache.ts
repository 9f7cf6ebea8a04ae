/**
 * A small time-based cache for reference data that changes only with a re-seed (schools, regions):
 * each instance keeps its own copy for `ttlMs`, so several instances agree again within that time.
 * Concurrent callers of an expired entry share one load.
 */
export function cached<T>(ttlMs: number, load: () => Promise<T>): { get(): Promise<T>; clear(): void } {
  let value: Promise<T> | undefined;
  let loadedAt = 0;
  return {
    get() {
      if (!value || Date.now() - loadedAt > ttlMs) {
        loadedAt = Date.now();
        value = load().catch((err: unknown) => {
          value = undefined; // a failed load (database away) is not cached
          throw err;
        });
      }
      return value;
    },
    clear() {
      value = undefined;
    },
  };
}
