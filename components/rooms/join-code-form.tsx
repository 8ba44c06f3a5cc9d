"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { normalizeRoomCode } from "@/lib/rooms/codes";

/** Type a room code (the dash and case do not matter). */
export function JoinCodeForm() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const clean = normalizeRoomCode(code);
    if (!clean) {
      setError("A room code has 8 letters and digits, like ABCD-EFGH.");
      return;
    }
    router.push(`/r/${clean}`);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <label className="flex flex-col gap-2 text-sm font-medium text-neutral-300">
        Room code
        <input
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="ABCD-EFGH"
          className="rounded-2xl bg-night-700 px-4 py-4 text-center font-mono text-3xl tracking-widest ring-1 ring-white/10 focus:outline-2 focus:outline-reel-400"
        />
      </label>
      {error ? <p role="alert" className="text-sm text-red-300">{error}</p> : null}
      <button type="submit" className="rounded-full bg-reel-500 px-5 py-3.5 font-semibold text-white hover:bg-reel-600">
        Join
      </button>
    </form>
  );
}
