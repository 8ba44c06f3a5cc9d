// GET /api/health/ready - readiness: database reachable and migrated; Plex reported, never failing it
import { json } from "@/lib/api/respond";
import { checkReadiness } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
}
