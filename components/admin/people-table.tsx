"use client";

import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { restrictionLabel } from "@/components/profiles/restriction-text";
import { Button } from "@/components/ui/button";
import type { Person } from "@/lib/view-models";
import { withBase } from "@/lib/base-path";

type PersonRow = Person;

const ROLE_LABEL: Record<string, string> = { admin: "Owner", member: "Member", none: "No access" };

function seen(iso: string | null): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** People who have signed in, with "Revoke sessions" for each. */
export function PeopleTable({ people }: { people: PersonRow[] }) {
  const [rows, setRows] = useState(people);
  const [error, setError] = useState<string>();

  async function revoke(id: string) {
    setError(undefined);
    const res = await fetch(withBase(`/api/admin/users/${encodeURIComponent(id)}/sessions`), { method: "DELETE" });
    if (!res.ok) return setError("Could not revoke the sessions. Try again.");
    setRows((r) => r.map((p) => (p.id === id ? { ...p, activeSessions: 0 } : p)));
  }

  return (
    <div className="flex flex-col gap-2">
      {error ? <p role="alert" className="text-sm text-red-300">{error}</p> : null}
      <ul className="divide-y divide-white/5 rounded-2xl bg-night-800 ring-1 ring-white/5" data-testid="people">
        {rows.map((p) => (
          <li key={p.id} className="flex items-center gap-3 p-3" data-testid={`person-${p.name}`}>
            <Avatar name={p.name} image={p.image} size={36} />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{p.name}</p>
              <p className="text-xs text-neutral-400">
                {ROLE_LABEL[p.role] ?? p.role}
                {p.restrictionProfile ? ` · ${restrictionLabel(p.restrictionProfile)}` : ""} · last seen {seen(p.lastSeenAt)} ·{" "}
                {p.activeSessions} session{p.activeSessions === 1 ? "" : "s"}
              </p>
            </div>
            <Button variant="ghost" className="px-3 py-1.5 text-sm" disabled={p.activeSessions === 0} onClick={() => void revoke(p.id)}>
              Revoke sessions
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
