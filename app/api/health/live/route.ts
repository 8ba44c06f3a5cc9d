// GET /api/health/live - liveness: the process is up and answers (the image's HEALTHCHECK)
import { json } from "@/lib/api/respond";

export const dynamic = "force-dynamic";

export function GET() {
  return json({ status: "live" });
}
