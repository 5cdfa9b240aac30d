// Binance USDⓈ-M perpetual "leverage and margin" brackets, one-way mode, for an account without a
// personal bracket multiplier. Transcribed from Binance's published tables (the same rows
// GET /fapi/v1/leverageBracket returns) as of 2025, when the first tier allowed 150x.
// Binance changes brackets without notice, sometimes for all users at once: refresh them from that
// endpoint before trusting a number to the dollar. Notional is in USDT; a position belongs to the
// bracket with notionalFloor < notional <= notionalCap.
// maintenanceAmount ("cum") keeps maintenance margin continuous across brackets:
// cum_n = cum_(n-1) + notionalFloor_n × (rate_n − rate_(n-1)); binance-usdm.test.ts checks it.

export type MarginBracket = {
  bracket: number;
  notionalFloor: string;
  notionalCap: string;
  maxLeverage: number;
  maintenanceMarginRate: string;
  maintenanceAmount: string;
};

export const BINANCE_USDM_BRACKETS_AS_OF = "2025";

export const BINANCE_USDM_BRACKETS: Readonly<Record<string, readonly MarginBracket[]>> = {
  BTCUSDT: [
    { bracket: 1, notionalFloor: "0", notionalCap: "300000", maxLeverage: 150, maintenanceMarginRate: "0.004", maintenanceAmount: "0" },
    { bracket: 2, notionalFloor: "300000", notionalCap: "800000", maxLeverage: 100, maintenanceMarginRate: "0.005", maintenanceAmount: "300" },
    { bracket: 3, notionalFloor: "800000", notionalCap: "3000000", maxLeverage: 75, maintenanceMarginRate: "0.0065", maintenanceAmount: "1500" },
    { bracket: 4, notionalFloor: "3000000", notionalCap: "12000000", maxLeverage: 50, maintenanceMarginRate: "0.01", maintenanceAmount: "12000" },
    { bracket: 5, notionalFloor: "12000000", notionalCap: "70000000", maxLeverage: 25, maintenanceMarginRate: "0.02", maintenanceAmount: "132000" },
    { bracket: 6, notionalFloor: "70000000", notionalCap: "100000000", maxLeverage: 20, maintenanceMarginRate: "0.025", maintenanceAmount: "482000" },
    { bracket: 7, notionalFloor: "100000000", notionalCap: "230000000", maxLeverage: 10, maintenanceMarginRate: "0.05", maintenanceAmount: "2982000" },
    { bracket: 8, notionalFloor: "230000000", notionalCap: "480000000", maxLeverage: 5, maintenanceMarginRate: "0.1", maintenanceAmount: "14482000" },
    { bracket: 9, notionalFloor: "480000000", notionalCap: "600000000", maxLeverage: 4, maintenanceMarginRate: "0.125", maintenanceAmount: "26482000" },
    { bracket: 10, notionalFloor: "600000000", notionalCap: "800000000", maxLeverage: 3, maintenanceMarginRate: "0.15", maintenanceAmount: "41482000" },
    { bracket: 11, notionalFloor: "800000000", notionalCap: "1200000000", maxLeverage: 2, maintenanceMarginRate: "0.25", maintenanceAmount: "121482000" },
    { bracket: 12, notionalFloor: "1200000000", notionalCap: "1800000000", maxLeverage: 1, maintenanceMarginRate: "0.5", maintenanceAmount: "421482000" },
  ],
  ETHUSDT: [
    { bracket: 1, notionalFloor: "0", notionalCap: "300000", maxLeverage: 150, maintenanceMarginRate: "0.004", maintenanceAmount: "0" },
    { bracket: 2, notionalFloor: "300000", notionalCap: "800000", maxLeverage: 100, maintenanceMarginRate: "0.005", maintenanceAmount: "300" },
    { bracket: 3, notionalFloor: "800000", notionalCap: "3000000", maxLeverage: 75, maintenanceMarginRate: "0.0065", maintenanceAmount: "1500" },
    { bracket: 4, notionalFloor: "3000000", notionalCap: "12000000", maxLeverage: 50, maintenanceMarginRate: "0.01", maintenanceAmount: "12000" },
    { bracket: 5, notionalFloor: "12000000", notionalCap: "50000000", maxLeverage: 25, maintenanceMarginRate: "0.02", maintenanceAmount: "132000" },
    { bracket: 6, notionalFloor: "50000000", notionalCap: "65000000", maxLeverage: 20, maintenanceMarginRate: "0.025", maintenanceAmount: "382000" },
    { bracket: 7, notionalFloor: "65000000", notionalCap: "150000000", maxLeverage: 10, maintenanceMarginRate: "0.05", maintenanceAmount: "2007000" },
    { bracket: 8, notionalFloor: "150000000", notionalCap: "320000000", maxLeverage: 5, maintenanceMarginRate: "0.1", maintenanceAmount: "9507000" },
    { bracket: 9, notionalFloor: "320000000", notionalCap: "400000000", maxLeverage: 4, maintenanceMarginRate: "0.125", maintenanceAmount: "17507000" },
    { bracket: 10, notionalFloor: "400000000", notionalCap: "530000000", maxLeverage: 3, maintenanceMarginRate: "0.15", maintenanceAmount: "27507000" },
    { bracket: 11, notionalFloor: "530000000", notionalCap: "800000000", maxLeverage: 2, maintenanceMarginRate: "0.25", maintenanceAmount: "80507000" },
    { bracket: 12, notionalFloor: "800000000", notionalCap: "1200000000", maxLeverage: 1, maintenanceMarginRate: "0.5", maintenanceAmount: "280507000" },
  ],
};
