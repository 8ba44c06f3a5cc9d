import "server-only";
import { createTranslator, type Messages } from "next-intl";
import english from "@/messages/en.json";
import { AppError, type ErrorCode, type Saying } from "../errors";
import { waitParts } from "../limits/wait-text";
import { isLocale, type AppLocale } from "./locales";

/** A message of the "ApiErrors" catalogue: what the API says when it refuses something. */
export type ApiErrorKey = keyof Messages["ApiErrors"];

type Translator = ReturnType<typeof createTranslator<Messages>>;

/** The message in one language: its values, `{wait}` written out with that language's "Common.wait". */
function say(t: Translator, saying: Saying): string {
  const values: Record<string, string | number> = { ...saying.values };
  if (saying.waitSeconds !== undefined) values.wait = t("Common.wait", waitParts(saying.waitSeconds));
  return t(`ApiErrors.${saying.key as ApiErrorKey}`, values as never);
}

const inEnglish = createTranslator({ locale: "en", messages: english });

/**
 * An AppError whose message comes from the "ApiErrors" catalogue: English in the error itself (logs,
 * tests, anything without a reader), and in the reader's language in API answers (readerMessage).
 */
export function refusal(
  code: ErrorCode,
  key: ApiErrorKey,
  values?: Record<string, string | number>,
  options: { retryAfter?: number; details?: Record<string, unknown>; waitSeconds?: number; cause?: unknown } = {},
): AppError {
  const saying: Saying = { key, values, waitSeconds: options.waitSeconds };
  return new AppError(code, say(inEnglish, saying), { ...options, saying });
}

/**
 * The error's message in the reader's language (their choice, else their browser's), from its
 * catalogue key; the English message when it has no key, the reader reads English, or anything fails.
 */
export async function readerMessage(error: AppError, locale: () => Promise<AppLocale>): Promise<string> {
  if (!error.saying) return error.message;
  try {
    const chosen = await locale();
    if (chosen === "en" || !isLocale(chosen)) return error.message;
    return say(await translatorFor(chosen), error.saying);
  } catch {
    return error.message;
  }
}

/** One translator per language, made the first time a refusal is said in it (nine at most). */
const translators = new Map<AppLocale, Promise<Translator>>();

function translatorFor(locale: AppLocale): Promise<Translator> {
  let translator = translators.get(locale);
  if (!translator) {
    translator = import(`../../messages/${locale}.json`).then((m: { default: Messages }) => createTranslator({ locale, messages: m.default }));
    translator.catch(() => translators.delete(locale));
    translators.set(locale, translator);
  }
  return translator;
}
