import { useTranslations } from "next-intl";

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

/** Admin page: each address of the Plex server, whether it answered from here and how fast, and which is in use. */
export function ConnectionsPanel({ report }: ConnectionsPanelProps) {
  const t = useTranslations("Admin");
  const sources: Record<string, string> = { local: t("sourceLocal"), remote: t("sourceRemote"), relay: t("sourceRelay"), "plain http": t("sourcePlainHttp") };
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
              <span className="text-xs text-neutral-400">{sources[p.source] ?? p.source}</span>
              <span className={p.answered ? "text-emerald-300" : "text-rose-300"}>{p.answered ? t("answeredIn", { ms: p.ms ?? 0 }) : p.problem}</span>
              {inUse ? <span className="rounded bg-emerald-500/20 px-1.5 text-xs font-semibold text-emerald-200">{t("inUse")}</span> : null}
            </li>
          );
        })}
      </ul>
      {noneAnswered ? (
        <p className="text-sm text-amber-200" data-testid="connections-advice">
          {t("noneAnswered")}
        </p>
      ) : null}
    </div>
  );
}
