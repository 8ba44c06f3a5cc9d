import { NextAuthBasePath } from "@/components/auth/next-auth-base-path";

/** Only the sign-in pages call NextAuth's browser client (signIn), so only they load it. */
export default function SignInLayout({ children }: { children: React.ReactNode }) {
  return <NextAuthBasePath>{children}</NextAuthBasePath>;
}
