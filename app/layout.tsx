import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTimeZone, getTranslations } from "next-intl/server";
import { clientMessages } from "@/lib/i18n/client-messages";
import { InstallPrompt } from "@/components/pwa/install-prompt";
import { ServiceWorkerRegistration } from "@/components/pwa/service-worker-registration";
import { THEME_COLOR } from "./manifest";
import "./globals.css";

const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Common");
  return {
    title: { default: "Reelmatch", template: "%s · Reelmatch" },
    description: t("description"),
    applicationName: "Reelmatch",
    appleWebApp: { capable: true, title: "Reelmatch", statusBarStyle: "black-translucent" },
    icons: { apple: { url: "/apple-touch-icon.png", sizes: "180x180" } },
  };
}

export const viewport: Viewport = {
  themeColor: THEME_COLOR,
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so each gets its own script nonce (proxy.ts).
  await connection();
  const [locale, messages, timeZone] = await Promise.all([getLocale(), getMessages(), getTimeZone()]);
  return (
    <html lang={locale} className={inter.variable}>
      <body className="font-sans">
        {/* The active language's catalogue only, and only the namespaces client components use. */}
        <NextIntlClientProvider locale={locale} messages={clientMessages(messages)} timeZone={timeZone}>
          {children}
          <InstallPrompt />
          <ServiceWorkerRegistration />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
