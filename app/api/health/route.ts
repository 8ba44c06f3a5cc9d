// GET /api/health - liveness and database readiness, for monitors and start-up scripts
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await getDb().setting.count();
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false, message: "The database is not reachable." }, { status: 503 });
  }
}
