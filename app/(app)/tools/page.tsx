import { redirect } from "next/navigation";

// The tools section has one tool so far.
export default function ToolsPage() {
  redirect("/tools/liquidation");
}
