"use client";

import { useDeferredValue, useEffect, useMemo, useState } from "react";

import type { checkPasswordPolicy, PasswordPolicyContext, PasswordPolicyResult } from "@/lib/auth/password-policy";

type Checker = typeof checkPasswordPolicy;

// The zxcvbn dictionaries are large: they load in their own chunk after the form is interactive.
export function usePasswordPolicy(password: string, context: PasswordPolicyContext): PasswordPolicyResult | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    let isLive = true;
    void import("@/lib/auth/password-policy").then((module) => {
      if (isLive) setChecker(() => module.checkPasswordPolicy);
    });
    return () => {
      isLive = false;
    };
  }, []);
  const deferred = useDeferredValue(password);
  const { email, name } = context;
  return useMemo(() => (checker ? checker(deferred, { email, name }) : null), [checker, deferred, email, name]);
}
