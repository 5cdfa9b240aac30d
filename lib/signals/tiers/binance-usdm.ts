// Binance USDⓈ-M perpetual "leverage and margin" brackets, one-way mode, for an account without a
// personal bracket multiplier: the rows GET /fapi/v1/leverageBracket returns (notionalFloor,
// notionalCap, initialLeverage, maintMarginRatio, cum). Source: the snapshot of that endpoint kept by
// freqtrade (freqtrade/exchange/binance_leverage_tiers.json, 2024), which matches Binance's published
// BTCUSDT/ETHUSDT tables: 125x up to 50,000 USDT at 0.40 %, 100x up to 600,000 at 0.50 %, ...
// Binance never offered more than 125x on these contracts (an earlier "150x" table here was wrong).
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

export const BINANCE_USDM_BRACKETS_AS_OF = "2024";

export const BINANCE_USDM_BRACKETS: Readonly<Record<string, readonly MarginBracket[]>> = {
  BTCUSDT: [
    { bracket: 1, notionalFloor: "0", notionalCap: "50000", maxLeverage: 125, maintenanceMarginRate: "0.004", maintenanceAmount: "0" },
    { bracket: 2, notionalFloor: "50000", notionalCap: "600000", maxLeverage: 100, maintenanceMarginRate: "0.005", maintenanceAmount: "50" },
    { bracket: 3, notionalFloor: "600000", notionalCap: "3000000", maxLeverage: 75, maintenanceMarginRate: "0.0065", maintenanceAmount: "950" },
    { bracket: 4, notionalFloor: "3000000", notionalCap: "12000000", maxLeverage: 50, maintenanceMarginRate: "0.01", maintenanceAmount: "11450" },
    { bracket: 5, notionalFloor: "12000000", notionalCap: "70000000", maxLeverage: 25, maintenanceMarginRate: "0.02", maintenanceAmount: "131450" },
    { bracket: 6, notionalFloor: "70000000", notionalCap: "100000000", maxLeverage: 20, maintenanceMarginRate: "0.025", maintenanceAmount: "481450" },
    { bracket: 7, notionalFloor: "100000000", notionalCap: "230000000", maxLeverage: 10, maintenanceMarginRate: "0.05", maintenanceAmount: "2981450" },
    { bracket: 8, notionalFloor: "230000000", notionalCap: "480000000", maxLeverage: 5, maintenanceMarginRate: "0.1", maintenanceAmount: "14481450" },
    { bracket: 9, notionalFloor: "480000000", notionalCap: "600000000", maxLeverage: 4, maintenanceMarginRate: "0.125", maintenanceAmount: "26481450" },
    { bracket: 10, notionalFloor: "600000000", notionalCap: "800000000", maxLeverage: 3, maintenanceMarginRate: "0.15", maintenanceAmount: "41481450" },
    { bracket: 11, notionalFloor: "800000000", notionalCap: "1200000000", maxLeverage: 2, maintenanceMarginRate: "0.25", maintenanceAmount: "121481450" },
    { bracket: 12, notionalFloor: "1200000000", notionalCap: "1800000000", maxLeverage: 1, maintenanceMarginRate: "0.5", maintenanceAmount: "421481450" },
  ],
  ETHUSDT: [
    { bracket: 1, notionalFloor: "0", notionalCap: "50000", maxLeverage: 125, maintenanceMarginRate: "0.004", maintenanceAmount: "0" },
    { bracket: 2, notionalFloor: "50000", notionalCap: "600000", maxLeverage: 100, maintenanceMarginRate: "0.005", maintenanceAmount: "50" },
    { bracket: 3, notionalFloor: "600000", notionalCap: "3000000", maxLeverage: 75, maintenanceMarginRate: "0.0065", maintenanceAmount: "950" },
    { bracket: 4, notionalFloor: "3000000", notionalCap: "12000000", maxLeverage: 50, maintenanceMarginRate: "0.01", maintenanceAmount: "11450" },
    { bracket: 5, notionalFloor: "12000000", notionalCap: "50000000", maxLeverage: 25, maintenanceMarginRate: "0.02", maintenanceAmount: "131450" },
    { bracket: 6, notionalFloor: "50000000", notionalCap: "65000000", maxLeverage: 20, maintenanceMarginRate: "0.025", maintenanceAmount: "381450" },
    { bracket: 7, notionalFloor: "65000000", notionalCap: "150000000", maxLeverage: 10, maintenanceMarginRate: "0.05", maintenanceAmount: "2006450" },
    { bracket: 8, notionalFloor: "150000000", notionalCap: "320000000", maxLeverage: 5, maintenanceMarginRate: "0.1", maintenanceAmount: "9506450" },
    { bracket: 9, notionalFloor: "320000000", notionalCap: "400000000", maxLeverage: 4, maintenanceMarginRate: "0.125", maintenanceAmount: "17506450" },
    { bracket: 10, notionalFloor: "400000000", notionalCap: "530000000", maxLeverage: 3, maintenanceMarginRate: "0.15", maintenanceAmount: "27506450" },
    { bracket: 11, notionalFloor: "530000000", notionalCap: "800000000", maxLeverage: 2, maintenanceMarginRate: "0.25", maintenanceAmount: "80506450" },
    { bracket: 12, notionalFloor: "800000000", notionalCap: "1200000000", maxLeverage: 1, maintenanceMarginRate: "0.5", maintenanceAmount: "280506450" },
  ],
};
