"use client";

import { useState } from "react";
import { AuthMessage } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";

interface Answer {
  ok: boolean;
  redirect?: string;
  step?: "password" | "code";
  message?: string;
}

const input = "w-full rounded-xl bg-night-900 px-4 py-3 text-base ring-1 ring-white/10 focus:outline-none focus:ring-2 focus:ring-reel-400";

/** Plex login and password, then the two-factor code when Plex asks for it. Nothing is stored. */
export function PasswordSignInForm() {
  const [step, setStep] = useState<"password" | "code">("password");
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(form: FormData) {
    setBusy(true);
    setMessage(undefined);
    try {
      const res = await fetch("/api/plex/password", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          login: form.get("login"),
          password: form.get("password"),
          ...(step === "code" ? { code: form.get("code") } : {}),
        }),
      });
      const answer = (await res.json().catch(() => ({ ok: false }))) as Answer & { error?: { message?: string } };
      if (answer.redirect) {
        window.location.assign(answer.redirect);
        return;
      }
      if (answer.step) setStep(answer.step);
      const text = answer.message ?? answer.error?.message ?? "Sign-in did not work. Try again.";
      setMessage({ tone: answer.step === "code" && res.status === 401 && !/wrong/i.test(text) ? "info" : "error", text });
    } catch {
      setMessage({ tone: "error", text: "This server cannot be reached. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form action={submit} className="flex flex-col gap-4">
      {message ? <AuthMessage tone={message.tone} testId="password-message">{message.text}</AuthMessage> : null}
      <label className="flex flex-col gap-1.5 text-sm">
        Plex email or username
        <input name="login" autoComplete="username" required className={input} readOnly={step === "code"} />
      </label>
      <label className="flex flex-col gap-1.5 text-sm">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={input} readOnly={step === "code"} />
      </label>
      {step === "code" ? (
        <label className="flex flex-col gap-1.5 text-sm">
          Two-factor code
          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required autoFocus className={input} />
        </label>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? "Signing in…" : step === "code" ? "Verify code" : "Sign in"}
      </Button>
    </form>
  );
}
