import { titled } from "@/lib/i18n/metadata";
import { OfflineScreen } from "@/components/pwa/offline-screen";
import { Brand } from "@/components/ui/brand";

export const generateMetadata = titled("Titles.offline", { robots: { index: false } });

/**
 * What the service worker shows instead of a page it could not fetch for want of a connection
 * (precached; the same for everyone: nothing personal is rendered here on the server).
 */
export default function OfflinePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-5 pb-12 pt-[max(2rem,env(safe-area-inset-top))] lg:max-w-xl lg:justify-center">
      <Brand link={false} />
      <OfflineScreen />
    </main>
  );
}
