/** A wait as one unit, rounded up: 30 seconds, 4 minutes, 17 hours, 2 days (the catalogues' "Common.wait"). */
export function waitParts(seconds: number): { count: number; unit: "second" | "minute" | "hour" | "day" } {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return { count: s, unit: "second" };
  if (s < 3600) return { count: Math.ceil(s / 60), unit: "minute" };
  if (s < 86_400) return { count: Math.ceil(s / 3600), unit: "hour" };
  return { count: Math.ceil(s / 86_400), unit: "day" };
}

/** A wait in English words for API messages and logs: "30 seconds", "4 minutes", "17 hours", "2 days". */
export function waitText(seconds: number): string {
  const { count, unit } = waitParts(seconds);
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
