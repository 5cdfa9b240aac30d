import * as React from "react";

import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

type AuthCardProps = {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
};

export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  return (
    <Card className="shadow-sm">
      <CardHeader>
        <h1 className="text-xl leading-snug font-semibold">{title}</h1>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
      {footer ? <div className="border-t px-6 pt-4 text-center text-sm text-muted-foreground">{footer}</div> : null}
    </Card>
  );
}
