// POST /api/v1/stream/ticket – a one-minute, single-use ticket for GET /api/v1/stream?ticket=
import { withApi } from "@/lib/api/handler";
import { created } from "@/lib/api/respond";
import { createStreamTicket } from "@/lib/realtime/tickets";

export const dynamic = "force-dynamic";

export const POST = withApi({ auth: "user" }, async ({ auth }) => created(await createStreamTicket(auth)));
