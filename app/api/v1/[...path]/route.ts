// Any /api/v1 path that no route serves – 404 NOT_FOUND in the envelope
import { withApi } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const notFound = withApi({}, ({ req }) => {
  throw new AppError("NOT_FOUND", `No API route for ${req.method} ${new URL(req.url).pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
