import Link from "next/link";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import { useRestrictionLabel } from "@/components/profiles/restriction-text";
import { SessionKeeper } from "./session-keeper";
import { SignOutButton } from "./sign-out-button";

export interface UserBarProps {
  name: string;
  image: string | null;
  role: "admin" | "member";
  restrictionProfile?: string | null;
}

/** Top bar of signed-in screens: who you are (from your Plex account), admin link, sign out. */
export function UserBar({ name, image, role, restrictionProfile }: UserBarProps) {
  const t = useTranslations("Auth");
  const restriction = useRestrictionLabel(restrictionProfile ?? null);
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-3" data-testid="user-bar">
      <SessionKeeper />
      {/* The name keeps room to be read; on a narrow phone the links go to a second line instead. */}
      <Link href="/" className="flex min-h-11 min-w-44 flex-1 items-center gap-3">
        <Avatar name={name} image={image} />
        <span className="min-w-0">
          <span className="block truncate font-semibold" data-testid="user-name">{name}</span>
          <span className="block truncate text-xs text-neutral-400" data-testid="user-role">
            {role === "admin" ? t("roleOwner") : t("roleMember")}
            {restriction ? ` · ${t("restrictedProfile", { restriction })}` : ""}
          </span>
        </span>
      </Link>
      <nav className="ml-auto flex shrink-0 items-center">
        <Link href="/profiles" className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full px-2.5 text-sm text-neutral-300 hover:bg-white/5" data-testid="profiles-link">
          {t("profiles")}
        </Link>
        {role === "admin" ? (
          <Link href="/admin" className="inline-flex min-h-11 items-center whitespace-nowrap rounded-full px-2.5 text-sm text-neutral-300 hover:bg-white/5" data-testid="admin-link">
            {t("admin")}
          </Link>
        ) : null}
        <SignOutButton />
      </nav>
    </header>
  );
}
