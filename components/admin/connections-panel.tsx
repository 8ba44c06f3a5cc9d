export interface ConnectionRow {
  uri: string;
  source: string;
  answered: boolean;
  ms?: number;
  problem?: string;
}

export interface ConnectionsPanelProps {
  report: { kind: "probed"; probes: ConnectionRow[]; inUse: string | null } | { kind: "unavailable"; message: string };
}

const SOURCE_TEXT: Record<string, string> = {
  PLEX_SERVER_URL: "PLEX_SERVER_URL",
  local: "local",
  remote: "remote",
  relay: "relay",
  "plain http": "plain http",
};

/** Admin page: each address of the Plex server, whether it answered from here and how fast, and which is in use. */
export function ConnectionsPanel({ report }: ConnectionsPanelProps) {
  if (report.kind === "unavailable") {
    return (
      <p className="mt-2 text-sm text-amber-200" data-testid="connections-unavailable">
        {report.message}
      </p>
    );
  }
  const noneAnswered = !report.probes.some((p) => p.answered);
  return (
    <div className="mt-3 flex flex-col gap-2">
      <ul className="flex flex-col gap-1 text-sm" data-testid="connections">
        {report.probes.map((p) => {
          const inUse = p.uri === report.inUse;
          return (
            <li key={p.uri} data-testid="connection" data-answered={p.answered} data-in-use={inUse} className="flex flex-wrap items-baseline gap-x-2 rounded-lg bg-night-900/60 px-3 py-2">
              <span className="break-all font-mono text-neutral-200">{p.uri}</span>
              <span className="text-xs text-neutral-400">{SOURCE_TEXT[p.source] ?? p.source}</span>
              <span className={p.answered ? "text-emerald-300" : "text-rose-300"}>{p.answered ? `answered in ${p.ms ?? 0} ms` : p.problem}</span>
              {inUse ? <span className="rounded bg-emerald-500/20 px-1.5 text-xs font-semibold text-emerald-200">in use</span> : null}
            </li>
          );
        })}
      </ul>
      {noneAnswered ? (
        <p className="text-sm text-amber-200" data-testid="connections-advice">
          No address answered from where Reelmatch runs. Check that Plex Media Server is running. If Reelmatch runs in a container or on another
          network, set PLEX_SERVER_URL to the address at which it reaches the server (such as http://192.168.1.20:32400) and restart.
        </p>
      ) : null}
    </div>
  );
}
