import { useTranslations } from "next-intl";

export interface DemoAccount {
  name: string;
  role: "owner" | "friend" | "refused";
}

export interface DemoAccountsProps {
  accounts: DemoAccount[];
}

/** Shown on the landing page of the demo: who you can be on the fake Plex sign-in page. */
export function DemoAccounts({ accounts }: DemoAccountsProps) {
  const t = useTranslations("Landing");
  const roles = { owner: t("demoRoleOwner"), friend: t("demoRoleFriend"), refused: t("demoRoleRefused") };
  return (
    <section
      aria-labelledby="demo-heading"
      className="rounded-2xl border border-amber-400/30 bg-amber-400/10 p-5 text-amber-50"
      data-testid="demo-panel"
    >
      <h2 id="demo-heading" className="text-lg font-semibold">
        {t("demoTitle")}
      </h2>
      <p className="mt-1 text-sm text-amber-100/80">
        {t("demoText")}
      </p>
      <ul className="mt-3 space-y-1.5 text-sm">
        {accounts.map((a) => (
          <li key={a.name} className="flex gap-2">
            <span className="font-semibold">{a.name}</span>
            <span className="text-amber-100/70">{roles[a.role]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
