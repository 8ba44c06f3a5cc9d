import { withBase } from "@/lib/base-path";

/** The product's name: the same in every language. */
const APP_NAME = "Reelmatch";

/** The Reelmatch logo and name: a link home, or plain text where the page is home. */
export function Brand({ size = 24, link = true }: { size?: 24 | 28; link?: boolean }) {
  const className = "flex min-h-11 items-center gap-2 self-start text-sm font-semibold uppercase tracking-widest text-reel-400";
  const content = (
    <>
      <img src={withBase("/icon.svg")} alt="" width={size} height={size} /> {APP_NAME}
    </>
  );
  return link ? (
    <a href={withBase("/")} className={className}>
      {content}
    </a>
  ) : (
    <p className={className}>{content}</p>
  );
}
