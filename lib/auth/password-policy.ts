import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { z } from "zod";

// Pure and browser-safe: the register and change-password forms show the same verdict the server enforces.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

export type PasswordPolicyContext = { email?: string | null; name?: string | null };
export type PasswordPolicyResult = { ok: boolean; score: 0 | 1 | 2 | 3 | 4; reasons: string[]; suggestions: string[] };

let zxcvbn: ZxcvbnFactory | undefined;

// Building the ranked dictionaries takes a few hundred ms, so it waits for the first check.
function getZxcvbn(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
  });
  return zxcvbn;
}

function buildUserInputs({ email, name }: PasswordPolicyContext): string[] {
  const inputs = new Set<string>();
  const add = (value: string) => {
    const trimmed = value.trim().toLowerCase();
    if (trimmed.length > 0) inputs.add(trimmed);
  };
  const addWithParts = (value: string, separators: RegExp) => {
    add(value);
    add(value.replace(separators, ""));
    for (const part of value.split(separators)) add(part);
  };
  if (email) {
    add(email);
    const at = email.lastIndexOf("@");
    if (at > 0) {
      addWithParts(email.slice(0, at), /[._+-]+/);
      addWithParts(email.slice(at + 1), /\./);
    }
  }
  if (name) addWithParts(name, /[\s._-]+/);
  return [...inputs];
}

export function checkPasswordPolicy(password: string, context: PasswordPolicyContext = {}): PasswordPolicyResult {
  const reasons: string[] = [];
  const suggestions: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) reasons.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (length > PASSWORD_MAX_LENGTH) reasons.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);

  const email = context.email?.trim().toLowerCase();
  if (email && password.toLowerCase().includes(email)) reasons.push("Do not use your email address in your password.");

  // Past the maximum the password is refused anyway; don't spend time scoring it.
  const result = length <= PASSWORD_MAX_LENGTH ? getZxcvbn().check(password, buildUserInputs(context)) : null;
  const score = result?.score ?? 0;
  if (result && score < PASSWORD_MIN_SCORE) {
    reasons.push(result.feedback.warning ?? "This password is too easy to guess.");
    suggestions.push(...result.feedback.suggestions);
  }
  if (reasons.length > 0 && suggestions.length === 0) {
    suggestions.push("Use a passphrase of four or more unrelated words.");
  }
  return { ok: reasons.length === 0, score, reasons: [...new Set(reasons)], suggestions: [...new Set(suggestions)] };
}

/** Adds one issue per failed rule; for object schemas where email and name are sibling fields. */
export function addPasswordPolicyIssues(
  issueContext: z.RefinementCtx,
  password: string,
  context: PasswordPolicyContext = {},
  path: PropertyKey[] = [],
): void {
  for (const message of checkPasswordPolicy(password, context).reasons) {
    issueContext.addIssue({ code: "custom", message, path });
  }
}

export function passwordSchema(context?: PasswordPolicyContext) {
  return z.string().superRefine((password, issueContext) => addPasswordPolicyIssues(issueContext, password, context));
}
