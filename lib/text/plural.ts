/**
 * "1 person", "2 people": picks the form with Intl.PluralRules, so that when the app learns other
 * languages the locale (and its categories: few, many...) is all that changes.
 */
export type PluralForms = { one: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

const rules = new Map<string, Intl.PluralRules>();

/** The word for `count` things, without the number. */
export function pluralWord(count: number, forms: PluralForms, locale = "en"): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  return forms[rule.select(count)] ?? forms.other;
}

/** The number and its word: "1 person", "3 people", "1,204 films". */
export function countOf(count: number, forms: PluralForms, locale = "en"): string {
  return `${count.toLocaleString(locale)} ${pluralWord(count, forms, locale)}`;
}

export const PEOPLE: PluralForms = { one: "person", other: "people" };
export const FILMS: PluralForms = { one: "film", other: "films" };
export const MATCHES: PluralForms = { one: "match", other: "matches" };
