/** The fake accounts of `npm run demo` (tests/fake-plex fixtures), listed on the landing page. */
export const DEMO_ACCOUNTS = [
  { name: "Olivia", role: "owner" },
  { name: "Frank", role: "friend" },
  { name: "Sam", role: "refused" },
] as const;
