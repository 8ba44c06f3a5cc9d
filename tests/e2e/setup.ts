// Runs around every e2e test file: no page may have broken the Content-Security-Policy.
import { afterAll, expect } from "vitest";
import { cspViolations } from "../helpers/browser";

afterAll(() => {
  expect(cspViolations, "CSP violations in the browser console").toEqual([]);
});
