"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { AuthMessage } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { withBase } from "@/lib/base-path";

interface Answer {
  ok: boolean;
  redirect?: string;
  step?: "password" | "code";
  message?: string;
  /** A code of lib/auth/sign-in-errors.ts, or "code_required" (the answer's message stays English, for logs). */
  error?: string;
}

const input = "w-full rounded-xl bg-night-900 px-4 py-3 text-base ring-1 ring-white/10 focus:outline-none focus:ring-2 focus:ring-reel-400";

/**
 * Plex login and password, then the two-factor code when Plex asks for it. Nothing is stored.
 * The inputs are controlled and the form submits through onSubmit, not a form action: React
 * resets the fields of a form after its action runs, which would empty the login and password
 * between a wrong password and the next try, or before the code step sends them again.
 */
export function PasswordSignInForm() {
  const [step, setStep] = useState<"password" | "code">("password");
  const [fields, setFields] = useState({ login: "", password: "", code: "" });
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string }>();
  const [busy, setBusy] = useState(false);
  const t = useTranslations("SignIn");
  const set = (name: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const res = await fetch(withBase("/api/plex/password"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: fields.login, password: fields.password, ...(step === "code" ? { code: fields.code } : {}) }),
      });
      const answer = (await res.json().catch(() => ({ ok: false }))) as Answer;
      if (answer.redirect) {
        window.location.assign(answer.redirect);
        return;
      }
      if (answer.step) setStep(answer.step);
      const code = answer.error;
      const key = `errors.${code ?? "failed"}` as "errors.failed";
      const text = code === "code_required" ? t("codeRequired") : t.has(key) ? t(key) : t("errors.failed");
      setMessage({ tone: code === "code_required" ? "info" : "error", text });
    } catch {
      setMessage({ tone: "error", text: t("unreachable") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
      {message ? <AuthMessage tone={message.tone} testId="password-message">{message.text}</AuthMessage> : null}
      <label className="flex flex-col gap-1.5 text-sm">
        {t("login")}
        <input name="login" autoComplete="username" required className={input} readOnly={step === "code"} value={fields.login} onChange={set("login")} />
      </label>
      <label className="flex flex-col gap-1.5 text-sm">
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={input}
          readOnly={step === "code"}
          value={fields.password}
          onChange={set("password")}
        />
      </label>
      {step === "code" ? (
        <label className="flex flex-col gap-1.5 text-sm">
          {t("code")}
          <input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            required
            autoFocus
            className={input}
            value={fields.code}
            onChange={set("code")}
          />
        </label>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? t("signingIn") : step === "code" ? t("verifyCode") : t("signInButton")}
      </Button>
    </form>
  );
}
