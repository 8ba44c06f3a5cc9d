import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** The Dockerfile's last stage (the image that runs). */
export function imageStage(): string {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
  return dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
}

/** CMD of the image (exec form): how it starts the server. */
export function imageCommand(): string[] {
  const [, json] = imageStage().match(/^CMD\s+(\[.*\])\s*$/m) ?? [];
  return JSON.parse(json ?? "[]") as string[];
}
