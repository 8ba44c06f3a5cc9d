import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordSignInForm } from "@/components/auth/password-sign-in-form";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in with password" };

export default function PasswordSignInPage() {
  if (!getConfig().passwordSignIn) notFound();
  return (
    <AuthCard title="Sign in with your Plex password">
      <p className="text-sm text-neutral-300">
        Your password goes to Plex only; Reelmatch neither stores nor logs it. If you can, prefer{" "}
        <a href="/signin" className="text-reel-400 underline">Plex&rsquo;s own sign-in page</a>.
      </p>
      <PasswordSignInForm />
    </AuthCard>
  );
}
