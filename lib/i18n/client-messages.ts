import type { Messages } from "next-intl";

/**
 * The catalogue namespaces client components use: only these, of the active language only, go to
 * the browser (app/layout.tsx). tests/unit/i18n-catalogues.test.ts fails when a client component
 * uses a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "Language",
  "Pwa",
  "Offline",
  "Auth",
  "SignIn",
  "Admin",
  "Profiles",
  "JoinCode",
  "JoinRoom",
  "CreateRoom",
  "Room",
  "Deck",
  "Match",
  "Matches",
  "FinalRound",
  "PlayOn",
  "Watchlist",
  "Errors",
] as const satisfies readonly (keyof Messages)[];

export function clientMessages(messages: Messages): Partial<Messages> {
  return Object.fromEntries(CLIENT_NAMESPACES.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
