import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";

/** The WCAG 2.2 AA rule sets of axe-core (A and AA of every version up to 2.2). */
const WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The smallest touch target the app allows, in CSS pixels (Apple's and Google's guidance). */
export const MIN_TARGET_PX = 44;

/**
 * axe-core's serious and critical WCAG 2.2 AA violations on the page as it is now, one readable
 * line per element ("rule: help | selector | what is wrong"); empty when there are none.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} | ${n.target.join(" ")} | ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`));
}

/**
 * The visible controls smaller than MIN_TARGET_PX on either side, as "label WxH". A checkbox or a
 * radio counts with the label around it (tapping the label ticks it). Links inside a sentence are
 * exempt, as WCAG 2.5.8 exempts them: making them taller would pull the text's lines apart.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])');
    const small: string[] = [];
    // Under an open modal dialog only the dialog's controls can be reached.
    const modal = document.querySelector("[aria-modal='true']");
    for (const control of controls) {
      if (control.closest("[inert], [aria-hidden='true']")) continue;
      if (modal && !modal.contains(control)) continue;
      const style = getComputedStyle(control);
      if (style.visibility === "hidden" || style.display === "none") continue;
      let target: HTMLElement = control;
      if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio")) target = control.closest("label") ?? control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (control.tagName === "A") {
        const sentence = control.closest("p");
        if (sentence && (sentence.textContent ?? "").trim().length > (control.textContent ?? "").trim().length + 20) continue;
      }
      // half a pixel of rounding (a 44 px box can measure 43.99)
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const label = control.getAttribute("aria-label") || control.textContent?.trim().slice(0, 40) || control.getAttribute("name") || control.tagName.toLowerCase();
        small.push(`${control.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return small;
  }, MIN_TARGET_PX);
}

/**
 * Records layout shifts in every page of the context (as Lighthouse counts them: shifts within
 * 500 ms of the person's own input do not count). Read with layoutShiftSince.
 */
export async function recordLayoutShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __shifts: { at: number; value: number; what: string }[] };
    w.__shifts = [];
    type Source = { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
    const name = (node: Node | null) => (node instanceof Element ? `${node.tagName.toLowerCase()}.${[...node.classList].slice(0, 4).join(".")}` : String(node?.nodeName));
    // Where it was and where it went (x,y width x height), so a failure says what moved and by how much.
    const box = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    const describe = (s: Source) => `${name(s.node)} ${box(s.previousRect)} -> ${box(s.currentRect)}`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Source[] })[]) {
        if (!entry.hadRecentInput) w.__shifts.push({ at: entry.startTime, value: entry.value, what: entry.sources.map(describe).join(", ") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The layout shifts recorded in the page since `since` (performance.now() of the page): their sum, and what moved. */
export async function layoutShiftSince(page: Page, since = 0): Promise<{ total: number; moved: string[] }> {
  const shifts = await page.evaluate((from) => (window as unknown as { __shifts: { at: number; value: number; what: string }[] }).__shifts.filter((s) => s.at >= from), since);
  return { total: shifts.reduce((sum, s) => sum + s.value, 0), moved: shifts.map((s) => `${s.value.toFixed(4)} ${s.what}`) };
}

/** Waits until no CSS animation or transition is running on the page (a looping one, such as the first-time swipe hint's nudge, never ends: it is left out). */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity),
  );
}
