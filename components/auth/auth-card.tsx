import { Brand } from "@/components/ui/brand";

export interface AuthCardProps {
  title: string;
  children: React.ReactNode;
}

/** The centred card every sign-in screen uses. */
export function AuthCard({ title, children }: AuthCardProps) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 px-5 py-10">
      <Brand size={28} />
      <section className="flex flex-col gap-5 rounded-3xl bg-night-800 p-6 ring-1 ring-white/5">
        <h1 className="text-2xl font-bold">{title}</h1>
        {children}
      </section>
    </main>
  );
}

export function AuthMessage({ tone = "error", children, testId }: { tone?: "error" | "info"; children: React.ReactNode; testId?: string }) {
  const colors = tone === "error" ? "border-red-400/30 bg-red-500/10 text-red-100" : "border-sky-400/30 bg-sky-500/10 text-sky-100";
  return (
    <p role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`rounded-xl border px-4 py-3 text-sm ${colors}`}>
      {children}
    </p>
  );
}
