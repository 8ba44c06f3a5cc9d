import Link from "next/link";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-reel-500 text-white hover:bg-reel-600 focus-visible:outline-reel-400",
  secondary: "bg-night-700 text-neutral-100 hover:bg-night-800 ring-1 ring-white/10 focus-visible:outline-white",
  ghost: "text-neutral-300 hover:text-white hover:bg-white/5 focus-visible:outline-white",
  danger: "bg-red-600/90 text-white hover:bg-red-600 focus-visible:outline-red-400",
};

const BASE =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-full px-5 py-3 text-base font-semibold transition " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-50 disabled:pointer-events-none";

export function buttonClass(variant: Variant = "primary", extra = ""): string {
  return `${BASE} ${VARIANTS[variant]} ${extra}`.trim();
}

export interface ButtonProps extends React.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
}

export function Button({ variant = "primary", className = "", ...props }: ButtonProps) {
  return <button className={buttonClass(variant, className)} {...props} />;
}

export interface LinkButtonProps extends React.AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  variant?: Variant;
  /** Full page navigation (sign-in redirects through other sites). */
  external?: boolean;
}

export function LinkButton({ href, variant = "primary", className = "", external, ...props }: LinkButtonProps) {
  if (external) return <a href={href} className={buttonClass(variant, className)} {...props} />;
  return <Link href={href} className={buttonClass(variant, className)} {...props} />;
}
