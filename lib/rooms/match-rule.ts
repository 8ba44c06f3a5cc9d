/** How a room decides that it agrees on a film. */
export type MatchRule = { kind: "all" } | { kind: "atLeast"; count: number };

/**
 * Whether `likes` likes among `participants` people in the room meet the rule. "Everyone" needs at
 * least two people (a room of one would match every like); "at least N" needs N likes.
 */
export function isMatch(options: { rule: MatchRule; likes: number; participants: number }): boolean {
  const { rule, likes, participants } = options;
  if (rule.kind === "atLeast") return likes >= rule.count;
  return participants >= 2 && likes >= participants;
}

/** The number of likes the rule needs in a room of this many people (for "3 of 4 liked"). */
export function likesNeeded(options: { rule: MatchRule; participants: number }): number {
  return options.rule.kind === "atLeast" ? options.rule.count : Math.max(2, options.participants);
}
