/** The basePath every production build is made under (scripts/lib/base-path.cjs). */
export const PLACEHOLDER: string;
/** Validates BASE_PATH: "" for the root, else "/segment[/segment...]"; throws an Error naming the variable. */
export function parseBasePath(value: string | undefined): string;
