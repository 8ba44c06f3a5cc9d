import type { Metadata } from "next";
import { JoinCodeForm } from "@/components/rooms/join-code-form";
import { RoomShell } from "@/components/rooms/room-shell";

export const metadata: Metadata = { title: "Join a room" };

export default function JoinPage() {
  return (
    <RoomShell title="Join a room">
      <p className="text-neutral-300">Type the code shown on the host&rsquo;s screen, or scan its QR code with the phone&rsquo;s camera.</p>
      <JoinCodeForm />
    </RoomShell>
  );
}
