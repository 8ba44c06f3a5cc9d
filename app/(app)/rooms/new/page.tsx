import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateRoomForm } from "@/components/rooms/create-room-form";
import { RoomShell } from "@/components/rooms/room-shell";
import { canCreateRooms, getSignedInUser } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Open a room" };
export const dynamic = "force-dynamic";

export default async function NewRoomPage() {
  const user = await getSignedInUser();
  if (!user) redirect("/signin");
  const allowed = await canCreateRooms(user);
  return (
    <RoomShell title="Open a room">
      {allowed ? (
        <CreateRoomForm />
      ) : (
        <p className="rounded-xl bg-amber-500/15 p-4 text-amber-200">On this server only the owner can open rooms. Ask them for a room code.</p>
      )}
    </RoomShell>
  );
}
