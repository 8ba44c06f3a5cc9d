/** The fake accounts of `npm run demo` (tests/fake-plex fixtures), listed on the landing page. */
export const DEMO_ACCOUNTS = [
  { name: "Olivia", role: "owns the server (admin)" },
  { name: "Frank", role: "a friend the server is shared with" },
  { name: "Sam", role: "has a Plex account but no access: is refused" },
] as const;
