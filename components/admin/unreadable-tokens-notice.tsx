export interface UnreadableTokensNoticeProps {
  names: string[];
}

/** Admin page: some stored Plex tokens cannot be decrypted, why, and what happens next. */
export function UnreadableTokensNotice({ names }: UnreadableTokensNoticeProps) {
  return (
    <section role="status" data-testid="unreadable-tokens" className="rounded-2xl border border-amber-400/30 bg-amber-500/10 p-4 text-sm text-amber-100">
      <h2 className="font-semibold">Stored Plex sign-ins could not be read</h2>
      <p className="mt-1">
        The stored Plex tokens of {names.join(", ")} could not be read: they were encrypted with a different SECRET. Either
        SECRET was changed, or the data folder&rsquo;s generated <span className="font-mono">secret</span> file was lost while
        the database was kept.
      </p>
      <p className="mt-1">
        Nothing is lost: each of them is asked to sign in with Plex again, which stores fresh tokens. To keep the old ones
        instead, put the previous SECRET back and restart.
      </p>
    </section>
  );
}
