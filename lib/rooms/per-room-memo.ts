/**
 * Something loaded once per room and then kept up to date in place by this process (the
 * withdrawn films). A load that fails is forgotten, so the next use tries again; past
 * 5000 rooms everything is dropped and reloaded on use.
 */
export function loadOncePerRoom<T>(memo: Map<string, Promise<T>>, roomId: string, load: () => Promise<T>): Promise<T> {
  let value = memo.get(roomId);
  if (!value) {
    if (memo.size > 5000) memo.clear();
    value = load();
    value.catch(() => memo.delete(roomId));
    memo.set(roomId, value);
  }
  return value;
}
