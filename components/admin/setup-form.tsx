"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { AuthMessage } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { withBase } from "@/lib/base-path";

interface Server {
  id: string;
  name: string;
}

const input = "w-full rounded-xl bg-night-900 px-4 py-3 font-mono text-lg tracking-widest uppercase ring-1 ring-white/10 focus:outline-none focus:ring-2 focus:ring-reel-400";

async function post(body: object): Promise<{ servers?: Server[]; claimed?: Server; error?: { message: string } }> {
  const res = await fetch(withBase("/api/setup"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return (await res.json()) as never;
}

/** Setup code, then the servers this Plex account owns; picking one claims it. */
export function SetupForm() {
  const [code, setCode] = useState("");
  const [servers, setServers] = useState<Server[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const t = useTranslations("Admin");

  async function run(body: object) {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await post(body);
      if (answer.error) setError(answer.error.message);
      if (answer.servers) setServers(answer.servers);
      if (answer.claimed) window.location.assign(withBase("/"));
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <AuthMessage testId="setup-error">{error}</AuthMessage> : null}
      {!servers ? (
        <form action={() => run({ code })} className="flex flex-col gap-4">
          <label className="flex flex-col gap-1.5 text-sm">
            {t("setupCode")}
            <input name="code" value={code} onChange={(e) => setCode(e.target.value)} required className={input} placeholder="XXXX-XXXX-XXXX" data-testid="setup-code" />
          </label>
          <Button type="submit" disabled={busy}>{t("continue")}</Button>
        </form>
      ) : servers.length === 0 ? (
        <AuthMessage>{t("noOwnedServer")}</AuthMessage>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="owned-servers">
          {servers.map((s) => (
            <li key={s.id}>
              <Button variant="secondary" className="w-full justify-between" disabled={busy} onClick={() => void run({ code, serverId: s.id })}>
                <span>{s.name}</span>
                <span className="text-xs text-neutral-400">{t("useServer")}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
