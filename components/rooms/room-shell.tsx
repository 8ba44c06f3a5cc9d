import { Brand } from "@/components/ui/brand";

export interface RoomShellProps {
  title: string;
  children: React.ReactNode;
}

/** The narrow centered page of the join and create screens. */
export function RoomShell({ title, children }: RoomShellProps) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-5 pb-12 pt-[max(2rem,env(safe-area-inset-top))] lg:max-w-xl">
      <Brand />
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {children}
    </main>
  );
}
