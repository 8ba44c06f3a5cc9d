import { AuthCard } from "@/components/auth/auth-card";
import { LinkButton } from "@/components/ui/button";

export default function NotFound() {
  return (
    <AuthCard title="Nothing here">
      <p className="text-neutral-300">This page does not exist, or it is not yours to see. If someone sent you a room link, check that it is complete.</p>
      <LinkButton href="/">Go to Reelmatch</LinkButton>
    </AuthCard>
  );
}
