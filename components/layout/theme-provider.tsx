"use client";

import * as React from "react";
import { ThemeProvider as NextThemesProvider } from "next-themes";

// next-themes renders an inline <script> that only has to run from the server HTML. React 19 logs an error
// whenever a client render creates a <script>, so the client copy is marked as an inert data block.
// The differing `type` attribute is covered by next-themes' own suppressHydrationWarning on that tag.
const scriptProps = typeof window === "undefined" ? undefined : { type: "application/json" };

export function ThemeProvider({ children, ...props }: React.ComponentProps<typeof NextThemesProvider>) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
      {...props}
    >
      {children}
    </NextThemesProvider>
  );
}
