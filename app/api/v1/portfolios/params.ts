import { z } from "zod";

// Path parameters of the portfolio routes.
export const portfolioParams = z.object({ portfolioId: z.uuid({ error: "Not a portfolio id." }) });
export const transactionParams = portfolioParams.extend({ transactionId: z.uuid({ error: "Not a transaction id." }) });
export const shareParams = portfolioParams.extend({ userId: z.uuid({ error: "Not a user id." }) });
