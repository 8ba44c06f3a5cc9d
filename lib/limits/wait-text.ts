/** A wait in words for a message: "30 seconds", "4 minutes", "17 hours", "2 days" (rounded up). */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (s < 60) return unit(s, "second");
  if (s < 3600) return unit(Math.ceil(s / 60), "minute");
  if (s < 86_400) return unit(Math.ceil(s / 3600), "hour");
  return unit(Math.ceil(s / 86_400), "day");
}
