export interface AvatarProps {
  name: string;
  image?: string | null;
  size?: number;
}

/** A round avatar: the Plex account's picture, or its initial. */
export function Avatar({ name, image, size = 40 }: AvatarProps) {
  const style = { width: size, height: size };
  if (image) return <img src={image} alt="" style={style} className="rounded-full object-cover ring-2 ring-white/10" referrerPolicy="no-referrer" />;
  return (
    <span style={style} className="flex items-center justify-center rounded-full bg-reel-500/20 font-bold text-reel-400 ring-2 ring-white/10">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
