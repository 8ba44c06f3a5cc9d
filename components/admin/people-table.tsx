"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import { useRestrictionLabel } from "@/components/profiles/restriction-text";
import { Button } from "@/components/ui/button";
import type { Person } from "@/lib/view-models";
import { withBase } from "@/lib/base-path";

type PersonRow = Person;

/** People who have signed in, with "Revoke sessions" for each. */
export function PeopleTable({ people }: { people: PersonRow[] }) {
  const [rows, setRows] = useState(people);
  const [error, setError] = useState<string>();
  const t = useTranslations("Admin");

  async function revoke(id: string) {
    setError(undefined);
    const res = await fetch(withBase(`/api/admin/users/${encodeURIComponent(id)}/sessions`), { method: "DELETE" });
    if (!res.ok) return setError(t("revokeFailed"));
    setRows((r) => r.map((p) => (p.id === id ? { ...p, activeSessions: 0 } : p)));
  }

  return (
    <div className="flex flex-col gap-2">
      {error ? <p role="alert" className="text-sm text-red-300">{error}</p> : null}
      <ul className="divide-y divide-white/5 rounded-2xl bg-night-800 ring-1 ring-white/5" data-testid="people">
        {rows.map((p) => (
          <li key={p.id} className="flex items-center gap-3 p-3" data-testid={`person-${p.name}`}>
            <Avatar name={p.name} image={p.image} size={36} />
            <PersonFacts person={p} />
            <Button variant="ghost" className="px-3 py-1.5 text-sm" disabled={p.activeSessions === 0} onClick={() => void revoke(p.id)}>
              {t("revokeSessions")}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PersonFacts({ person: p }: { person: PersonRow }) {
  const t = useTranslations("Admin");
  const format = useFormatter();
  const restriction = useRestrictionLabel(p.restrictionProfile);
  const roles: Record<string, string> = { admin: t("roleOwner"), member: t("roleMember"), none: t("roleNone") };
  const seen = p.lastSeenAt ? format.dateTime(new Date(p.lastSeenAt), { dateStyle: "medium", timeStyle: "short" }) : t("never");
  return (
    <div className="min-w-0 flex-1">
      <p className="truncate font-medium">{p.name}</p>
      <p className="text-xs text-neutral-400">
        {roles[p.role] ?? p.role}
        {restriction ? ` · ${restriction}` : ""} · {t("lastSeen", { when: seen })} · {t("sessions", { count: p.activeSessions })}
      </p>
    </div>
  );
}
