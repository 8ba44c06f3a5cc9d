/** Where loadOncePerRoom keeps its values: a Map, or a bounded cache (lib/process-state). */
export interface RoomMemo<T> {
  get(roomId: string): Promise<T> | undefined;
  set(roomId: string, value: Promise<T>): unknown;
  delete(roomId: string): unknown;
}

/**
 * Something loaded once per room and then kept up to date in place by this process (the
 * withdrawn films). A load that fails is forgotten, so the next use tries again; a bounded memo
 * that pushes a room out simply loads it again on its next use.
 */
export function loadOncePerRoom<T>(memo: RoomMemo<T>, roomId: string, load: () => Promise<T>): Promise<T> {
  let value = memo.get(roomId);
  if (!value) {
    value = load();
    const loading = value;
    value.catch(() => memo.get(roomId) === loading && memo.delete(roomId));
    memo.set(roomId, value);
  }
  return value;
}
