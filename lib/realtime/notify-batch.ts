/**
 * Gathers small JSON entries (transient room events) into NOTIFY payloads, `{"b":[entry,...]}`:
 * a batch goes out `delayMs` after its first entry, at once when the next entry would take it past
 * `maxLength` characters (PostgreSQL refuses payloads of 8000 bytes or more), or when flushed.
 */
export interface NotifyBatch {
  /** Queues an entry (JSON text); false, and nothing queued, when it could not fit even alone. */
  add(entry: string): boolean;
  /** Sends what is queued now (before an answer that must wait for the other instances, or at shutdown). */
  flush(): void;
}

const EMPTY_BATCH = `{"b":[]}`;

/** The payload of a batch of entries (the pg event bus reads `b`). */
export function batchPayload(entries: readonly string[]): string {
  return `{"b":[${entries.join(",")}]}`;
}

export function createNotifyBatch(options: { send: (payload: string) => void; delayMs: number; maxLength: number }): NotifyBatch {
  let entries: string[] = [];
  /** The payload's length with the entries queued so far. */
  let length = EMPTY_BATCH.length;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!entries.length) return;
    const payload = batchPayload(entries);
    entries = [];
    length = EMPTY_BATCH.length;
    options.send(payload);
  };
  return {
    add(entry) {
      if (EMPTY_BATCH.length + entry.length > options.maxLength) return false;
      const separator = entries.length ? 1 : 0;
      if (length + separator + entry.length > options.maxLength) flush();
      length += (entries.length ? 1 : 0) + entry.length;
      entries.push(entry);
      timer ??= setTimeout(flush, options.delayMs);
      return true;
    },
    flush,
  };
}
