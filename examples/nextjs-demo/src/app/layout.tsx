import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "chatstack demo",
  description: "Demo chat UI for the chatstack Java chat SDK",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="h-full bg-slate-100 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
