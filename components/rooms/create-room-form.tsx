"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { LinkButton } from "@/components/ui/button";
import { ageChoiceLabel } from "@/lib/rooms/content-ratings";
import { ApiError, send } from "@/lib/swr/fetcher";
import { useFilmCount } from "@/lib/swr/use-film-count";
import { useRoomOptions } from "@/lib/swr/use-room-options";

const field = "w-full rounded-xl bg-night-700 px-3 py-2.5 text-base ring-1 ring-white/10 focus:outline-2 focus:outline-reel-400";
const label = "flex flex-col gap-1.5 text-sm font-medium text-neutral-300";

type Order = "shuffled" | "topRated" | "recentlyAdded";
type GenreChoice = "any" | "include" | "exclude";

const num = (v: string) => (v.trim() === "" ? undefined : Number(v));
/** A year the server would take (four digits), or empty. */
const yearOk = (v: string) => v.trim() === "" || /^\d{4}$/.test(v.trim());

/** The create-room form: libraries, filters, order, match rule, guests. */
export function CreateRoomForm() {
  const router = useRouter();
  const t = useTranslations("CreateRoom");
  const format = useFormatter();
  const { data: options, error: loadError } = useRoomOptions();
  const [sections, setSections] = useState<string[] | null>(null);
  const [genres, setGenres] = useState<Record<string, GenreChoice>>({});
  const [yearFrom, setYearFrom] = useState("");
  const [yearTo, setYearTo] = useState("");
  const [maxAge, setMaxAge] = useState("");
  const [unwatched, setUnwatched] = useState(false);
  const [maxMinutes, setMaxMinutes] = useState("");
  const [minRating, setMinRating] = useState("");
  const [order, setOrder] = useState<Order>("shuffled");
  const [rule, setRule] = useState<"all" | "atLeast">("all");
  const [threshold, setThreshold] = useState("2");
  const [guests, setGuests] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const chosenSections = sections ?? options?.sections.slice(0, 1).map((s) => s.id) ?? [];
  const cycle = (id: string) =>
    setGenres((g) => ({ ...g, [id]: g[id] === "include" ? "exclude" : g[id] === "exclude" ? "any" : "include" }));

  const body = {
    sectionIds: chosenSections,
    genresInclude: Object.entries(genres).filter(([, v]) => v === "include").map(([k]) => k),
    genresExclude: Object.entries(genres).filter(([, v]) => v === "exclude").map(([k]) => k),
    yearFrom: num(yearFrom),
    yearTo: num(yearTo),
    maxAge: num(maxAge),
    unwatchedOnly: unwatched,
    maxMinutes: num(maxMinutes),
    minRating: num(minRating),
    order,
    matchRule: rule,
    matchThreshold: rule === "atLeast" ? num(threshold) : undefined,
    guestsAllowed: guests,
  };
  // Only what decides which films are in the deck is counted (not the match rule or guests).
  const filterKey = JSON.stringify([body.sectionIds, body.genresInclude, body.genresExclude, yearFrom, yearTo, maxAge, unwatched, maxMinutes, minRating, order]);
  const countable = useMemo(
    () => (body.sectionIds.length && yearOk(yearFrom) && yearOk(yearTo) ? { ...body, matchRule: "all", matchThreshold: undefined, guestsAllowed: true } : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for the body's filters
    [filterKey],
  );
  const filmCount = useFilmCount(options ? countable : null);
  const none = filmCount.data?.count === 0 && !filmCount.pending;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const room = await send<{ code: string }>("POST", "/api/rooms", body);
      router.push(`/r/${room.code}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("createFailed"));
      setBusy(false);
    }
  };

  if (loadError) return <p className="rounded-xl bg-red-500/15 p-4 text-red-200">{loadError.message}</p>;
  if (!options) return <CreateRoomFormSkeleton />;

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-6" data-testid="create-room-form">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-lg font-semibold">{t("libraries")}</legend>
        <div className="flex flex-wrap gap-2">
          {options.sections.map((s) => {
            const on = chosenSections.includes(s.id);
            return (
              <button key={s.id} type="button" aria-pressed={on}
                onClick={() => setSections(on ? chosenSections.filter((x) => x !== s.id) : [...chosenSections, s.id])}
                className={`min-h-11 rounded-full px-4 py-2 text-sm font-semibold ring-1 ${on ? "bg-reel-500 text-white ring-reel-500" : "bg-night-800 text-neutral-300 ring-white/10"}`}>
                {s.title}
              </button>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">{t("genres")}</legend>
        <p className="text-sm text-neutral-400">{t("genresHint")}</p>
        <div className="flex flex-wrap gap-2" data-testid="genres">
          {options.genres.map((g) => {
            const v = genres[g.id] ?? "any";
            const style = v === "include" ? "bg-emerald-500/20 text-emerald-200 ring-emerald-400/60" : v === "exclude" ? "bg-red-500/15 text-red-200 line-through ring-red-400/50" : "bg-night-800 text-neutral-300 ring-white/10";
            return (
              <button key={g.id} type="button" onClick={() => cycle(g.id)} data-genre={g.title} aria-label={t("genreState", { genre: g.title, state: v })}
                className={`min-h-11 rounded-full px-3 py-1.5 text-sm ring-1 ${style}`}>
                {v === "include" ? "+ " : v === "exclude" ? "− " : ""}
                {g.title}
              </button>
            );
          })}
        </div>
      </fieldset>

      <div className="grid grid-cols-2 gap-4">
        <label className={label}>
          {t("yearFrom")}
          <input className={field} inputMode="numeric" name="yearFrom" value={yearFrom} onChange={(e) => setYearFrom(e.target.value)} placeholder={t("anyYear")} />
        </label>
        <label className={label}>
          {t("yearTo")}
          <input className={field} inputMode="numeric" name="yearTo" value={yearTo} onChange={(e) => setYearTo(e.target.value)} placeholder={t("anyYear")} />
        </label>
        <label className={label}>
          {t("ageLimit")}
          <select className={field} name="maxAge" value={maxAge} onChange={(e) => setMaxAge(e.target.value)}>
            <option value="">{t("noLimit")}</option>
            {[...new Set(options.ratings.map((r) => r.age))].map((age) => (
              <option key={age} value={age}>
                {ageChoiceLabel(age === 0 ? t("allAges") : t("agePlus", { age }), options.ratings.filter((r) => r.age === age).map((r) => r.rating))}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("longestRuntime")}
          <select className={field} name="maxMinutes" value={maxMinutes} onChange={(e) => setMaxMinutes(e.target.value)}>
            <option value="">{t("anyLength")}</option>
            {[90, 100, 120, 150].map((m) => (
              <option key={m} value={m}>
                {format.number(m, { style: "unit", unit: "minute", unitDisplay: "long" })}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("minRating")}
          <select className={field} name="minRating" value={minRating} onChange={(e) => setMinRating(e.target.value)}>
            <option value="">{t("anyRating")}</option>
            {[5, 6, 7, 8].map((r) => (
              <option key={r} value={r}>
                {t("ratingPlus", { rating: r })}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          {t("order")}
          <select className={field} name="order" value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="shuffled">{t("shuffled")}</option>
            <option value="topRated">{t("topRated")}</option>
            <option value="recentlyAdded">{t("recentlyAdded")}</option>
          </select>
        </label>
      </div>

      <label className="flex items-center gap-3 text-sm">
        <input type="checkbox" checked={unwatched} onChange={(e) => setUnwatched(e.target.checked)} className="h-5 w-5 accent-reel-500" name="unwatched" />
        {t("unwatched")}
      </label>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-lg font-semibold">{t("ruleTitle")}</legend>
        <label className="flex items-center gap-3 text-sm">
          <input type="radio" name="rule" checked={rule === "all"} onChange={() => setRule("all")} className="h-5 w-5 accent-reel-500" />
          {t("ruleAll")}
        </label>
        <label className="flex items-center gap-3 text-sm">
          <input type="radio" name="rule" checked={rule === "atLeast"} onChange={() => setRule("atLeast")} className="h-5 w-5 accent-reel-500" />
          {t("ruleAtLeastBefore")}
          <input className="w-16 rounded-xl bg-night-700 px-3 py-2 text-center text-base ring-1 ring-white/10 disabled:opacity-50" inputMode="numeric" value={threshold} onChange={(e) => setThreshold(e.target.value)} disabled={rule !== "atLeast"} aria-label={t("likesNeeded")} />
          {t("ruleAtLeastAfter", { count: num(threshold) ?? 2 })}
        </label>
      </fieldset>

      <label className="flex items-center gap-3 text-sm">
        <input type="checkbox" checked={guests} onChange={(e) => setGuests(e.target.checked)} className="h-5 w-5 accent-reel-500" name="guests" />
        {t("guests")}
      </label>

      {error ? (
        <p role="alert" className="rounded-xl bg-red-500/15 px-4 py-3 text-sm text-red-200">
          {error}
        </p>
      ) : null}
      {/* Pinned under the thumb on phones; a phone turned sideways is too short to give it a third of the screen. */}
      <div className="sticky bottom-0 -mx-5 flex flex-col [@media(max-height:500px)]:static gap-3 border-t border-white/10 bg-night-900/95 px-5 pb-[max(1rem,env(safe-area-inset-bottom))] pt-3 backdrop-blur">
        <p aria-live="polite" data-testid="film-count" data-count={filmCount.data?.count ?? ""} data-pending={filmCount.pending ? "1" : "0"}
          className={`text-center text-sm ${none ? "text-amber-200" : "text-neutral-300"}`}>
          {!countable ? (
            chosenSections.length ? t("yearsFourDigits") : t("chooseLibrary")
          ) : filmCount.error && !filmCount.pending ? (
            filmCount.error.message
          ) : filmCount.data ? (
            none ? (
              t("noFilms")
            ) : (
              <>
                {t.rich("filmCount", { count: filmCount.data.count, strong: (chunks) => <strong className="text-base text-white">{chunks}</strong> })}
                {filmCount.pending ? " …" : ""}
              </>
            )
          ) : (
            <span className="inline-block h-4 w-28 animate-pulse rounded bg-night-700 align-middle">
              <span className="sr-only">{t("counting")}</span>
            </span>
          )}
        </p>
        <div className="flex gap-3">
          <LinkButton href="/" variant="secondary" className="flex-1" data-testid="create-room-cancel">
            {t("cancel")}
          </LinkButton>
          <button type="submit" disabled={busy || chosenSections.length === 0 || none} data-testid="create-room-submit"
            className="flex-[2] rounded-full bg-reel-500 px-5 py-3.5 text-base font-semibold text-white hover:bg-reel-600 disabled:opacity-50">
            {busy ? t("opening") : t("open")}
          </button>
        </div>
      </div>
    </form>
  );
}

/** The form's shape while the libraries are read: no jump when it arrives. */
function CreateRoomFormSkeleton() {
  const t = useTranslations("CreateRoom");
  const bar = "animate-pulse rounded-full bg-night-700";
  return (
    <div className="flex flex-col gap-6" role="status" aria-busy="true" aria-label={t("reading")} data-testid="create-room-skeleton">
      <div className="flex flex-col gap-3">
        <div className={`${bar} h-6 w-24`} />
        <div className="flex gap-2">
          {[28, 20].map((w) => <div key={w} className={`${bar} h-9`} style={{ width: `${w * 4}px` }} />)}
        </div>
      </div>
      <div className="flex flex-col gap-3">
        <div className={`${bar} h-6 w-20`} />
        <div className="flex flex-wrap gap-2">
          {[16, 20, 14, 24, 18, 12, 22, 16, 20].map((w, i) => <div key={i} className={`${bar} h-8`} style={{ width: `${w * 4}px` }} />)}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex flex-col gap-1.5">
            <div className={`${bar} h-4 w-20`} />
            <div className="h-11 animate-pulse rounded-xl bg-night-700" />
          </div>
        ))}
      </div>
      <div className={`${bar} h-12 w-full`} />
    </div>
  );
}
