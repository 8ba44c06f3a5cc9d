import { withBase } from "@/lib/base-path";

/** The Reelmatch logo and name: a link home, or plain text where the page is home. */
export function Brand({ size = 24, link = true }: { size?: 24 | 28; link?: boolean }) {
  const className = "flex items-center gap-2 text-sm font-semibold uppercase tracking-widest text-reel-400";
  const content = (
    <>
      <img src={withBase("/icon.svg")} alt="" width={size} height={size} /> Reelmatch
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
