"use client";

import { useState, type ReactNode } from "react";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

type Section = { id: string; label: string; content: ReactNode };

// A section mounts the first time it is opened and then stays mounted (hidden), so a simulation or a
// rebalance plan survives switching tabs and charts never measure a hidden container on first paint.
export function PortfolioTabs({ sections, defaultSection }: { sections: readonly Section[]; defaultSection: string }) {
  const [active, setActive] = useState(defaultSection);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([defaultSection]));

  const onChange = (id: string) => {
    setActive(id);
    setVisited((current) => (current.has(id) ? current : new Set([...current, id])));
  };

  return (
    <Tabs value={active} onValueChange={onChange} className="gap-4">
      <TabsList aria-label="Portfolio sections" className="w-full justify-start sm:w-fit">
        {sections.map((section) => (
          <TabsTrigger key={section.id} value={section.id} data-testid={`portfolio-tab-${section.id}`} className="flex-none">
            {section.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {sections.map((section) => (
        <TabsContent key={section.id} value={section.id} forceMount className="data-[state=inactive]:hidden" data-testid={`portfolio-section-${section.id}`}>
          {visited.has(section.id) ? section.content : null}
        </TabsContent>
      ))}
    </Tabs>
  );
}
