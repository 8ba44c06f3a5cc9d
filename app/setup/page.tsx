import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/admin/setup-form";
import { getConfiguredServerId } from "@/lib/auth/server-choice";
import { getSessionUserForSetup } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await getConfiguredServerId()) redirect("/");
  const user = await getSessionUserForSetup();
  if (!user) redirect("/signin?callbackUrl=/setup");
  return (
    <AuthCard title="Choose your Plex server">
      <p className="text-neutral-300">
        Welcome, {user.name}. Reelmatch serves one Plex server. To prove you run this installation, enter the one-time
        setup code it printed to its log when it started; then pick one of the servers your Plex account owns.
      </p>
      <SetupForm />
    </AuthCard>
  );
}
