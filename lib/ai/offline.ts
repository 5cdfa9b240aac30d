// The offline analyst: the same answer schema as the model, computed from indicators by fixed rules,
// for servers without an OpenAI key. Pure: context in, analysis out.
import { formatPct, formatPrice } from "./format";
import { MAX_RISKS, type ModelAnalysis, type Stance, type TrendDirection, type TrendStrength, type IndicatorSnapshot } from "./schemas";
import { computeBandwidthPercentile, computeEmaSlopePct, computeIndicatorSnapshot, computeKeyLevels, type KeyLevel } from "./technicals";
import type { ChatContext, PositionContext, SymbolContext } from "./types";

export const OFFLINE_NOTICE = "Offline analyst: no AI model is configured on this server, so this is computed from the indicators alone by fixed rules.";

type Vote = { weight: number; /** -1 … 1 */ lean: number; reason: string };

export type TrendAssessment = {
  /** -100 (all bearish) … 100 (all bullish), over the components that could be computed. */
  score: number;
  direction: TrendDirection;
  strength: TrendStrength;
  /** Kaufman efficiency of the daily closes (net move / path length), null when too short. */
  efficiency: number | null;
  reasons: string[];
};

// A component leans by how far apart its two values are in units of `scale` (an ATR multiple), so a
// price a hair above its average barely counts while one far above counts fully.
function vote(weight: number, a: number | null, b: number | null, scale: number | null, up: string, down: string): Vote | null {
  if (a === null || b === null) return null;
  const diff = a - b;
  const magnitude = scale !== null && scale > 0 ? Math.min(1, Math.abs(diff) / scale) : 1;
  return { weight, lean: Math.sign(diff) * magnitude, reason: diff > 0 ? up : down };
}

const EFFICIENCY_BARS = 60;

/** Net move divided by the sum of bar-to-bar moves over the last `bars` closes (0 = all noise, 1 = straight line). */
export function computeEfficiencyRatio(closes: readonly number[], bars = EFFICIENCY_BARS): number | null {
  const window = closes.slice(-(bars + 1));
  if (window.length < 21) return null;
  let path = 0;
  for (let i = 1; i < window.length; i++) path += Math.abs(window[i]! - window[i - 1]!);
  return path === 0 ? 0 : Math.abs(window.at(-1)! - window[0]!) / path;
}

/**
 * Trend from the daily and hourly EMAs and MACD, each graded by distance in ATRs, then damped by how
 * efficiently the price has actually travelled (a range that happens to sit above its averages is not
 * a trend). Components missing for short history are left out.
 */
export function assessTrend({
  price,
  daily,
  hourly,
  hourlySlopePct,
  efficiency = null,
}: {
  price: number;
  daily: IndicatorSnapshot | null;
  hourly: IndicatorSnapshot | null;
  hourlySlopePct: number | null;
  efficiency?: number | null;
}): TrendAssessment {
  const dAtr = daily?.atr14 ?? null;
  const hAtr = hourly?.atr14 ?? null;
  const times = (value: number | null, k: number) => (value === null ? null : value * k);
  const votes = [
    vote(20, price, daily?.ema50 ?? null, times(dAtr, 1.5), "price above the 50-day EMA", "price below the 50-day EMA"),
    vote(15, daily?.ema20 ?? null, daily?.ema50 ?? null, times(dAtr, 0.75), "20-day EMA above the 50-day", "20-day EMA below the 50-day"),
    vote(10, price, daily?.ema200 ?? null, times(dAtr, 3), "price above the 200-day EMA", "price below the 200-day EMA"),
    vote(10, daily?.macdHistogram ?? null, 0, times(dAtr, 0.25), "daily MACD histogram positive", "daily MACD histogram negative"),
    vote(5, daily?.macd ?? null, 0, times(dAtr, 0.5), "daily MACD above zero", "daily MACD below zero"),
    vote(10, hourly?.ema20 ?? null, hourly?.ema50 ?? null, times(hAtr, 0.75), "hourly 20 EMA above the 50", "hourly 20 EMA below the 50"),
    vote(10, hourly?.macdHistogram ?? null, 0, times(hAtr, 0.25), "hourly MACD histogram positive", "hourly MACD histogram negative"),
    // Percent per 10 hours; 1 % is a full lean.
    vote(10, hourlySlopePct, 0, 1, "hourly 50 EMA rising", "hourly 50 EMA falling"),
  ].filter((v): v is Vote => v !== null);
  const total = votes.reduce((sum, v) => sum + v.weight, 0);
  const raw = total === 0 ? 0 : (votes.reduce((sum, v) => sum + v.weight * v.lean, 0) / total) * 100;
  const damping = efficiency === null ? 1 : Math.max(0.2, Math.min(1, efficiency / 0.4));
  const score = Math.round(raw * damping);
  const direction: TrendDirection = score >= 30 ? "up" : score <= -30 ? "down" : "sideways";
  const magnitude = Math.abs(score);
  // For a range, "strong" means clearly range-bound (the components cancel out).
  const strength: TrendStrength =
    direction === "sideways" ? (magnitude <= 10 ? "strong" : magnitude <= 20 ? "moderate" : "weak") : magnitude >= 70 ? "strong" : magnitude >= 50 ? "moderate" : "weak";
  // The reasons that agree with the verdict explain it best; for a range, the strongest of each side.
  const agreeing = votes
    .filter((v) => (direction === "up" ? v.lean > 0 : direction === "down" ? v.lean < 0 : true))
    .sort((a, b) => b.weight * Math.abs(b.lean) - a.weight * Math.abs(a.lean));
  return { score, direction, strength, efficiency, reasons: agreeing.slice(0, 3).map((v) => v.reason) };
}

export type StanceAssessment = { score: number; stance: Stance; confidence: number; adjustments: string[] };

/** Stance: the trend score tilted by RSI extremes, Bollinger breaks and the active signals. */
export function assessStance({
  trend,
  daily,
  hourly,
  signalTilt,
}: {
  trend: TrendAssessment;
  daily: IndicatorSnapshot | null;
  hourly: IndicatorSnapshot | null;
  signalTilt: number;
}): StanceAssessment {
  let score = trend.score;
  const adjustments: string[] = [];
  const tilt = (delta: number, reason: string) => {
    score += delta;
    adjustments.push(reason);
  };
  const dRsi = daily?.rsi14 ?? null;
  if (dRsi !== null) {
    if (dRsi >= 75) tilt(-20, `daily RSI ${dRsi.toFixed(0)} is stretched`);
    else if (dRsi >= 70) tilt(-10, `daily RSI ${dRsi.toFixed(0)} is overbought`);
    else if (dRsi <= 25) tilt(20, `daily RSI ${dRsi.toFixed(0)} is deeply oversold`);
    else if (dRsi <= 30) tilt(10, `daily RSI ${dRsi.toFixed(0)} is oversold`);
  }
  const hRsi = hourly?.rsi14 ?? null;
  if (hRsi !== null && hRsi >= 80) tilt(-10, `hourly RSI ${hRsi.toFixed(0)} is overheated`);
  if (hRsi !== null && hRsi <= 20) tilt(10, `hourly RSI ${hRsi.toFixed(0)} is washed out`);
  if (daily?.bollingerUpper != null && daily.close > daily.bollingerUpper) tilt(-5, "price is above the daily upper Bollinger band");
  if (daily?.bollingerLower != null && daily.close < daily.bollingerLower) tilt(5, "price is below the daily lower Bollinger band");
  if (signalTilt !== 0) tilt(signalTilt, signalTilt > 0 ? "an active buy signal supports it" : "an active sell signal weighs on it");
  score = Math.max(-100, Math.min(100, score));
  const stance: Stance = score >= 25 ? "bullish" : score <= -25 ? "bearish" : "neutral";
  let penalty = 0;
  const atrPct = daily?.atrPct ?? null;
  if (atrPct !== null && atrPct > 6) penalty += 10;
  else if (atrPct !== null && atrPct > 4) penalty += 5;
  if (!daily || daily.bars < 60) penalty += 10;
  const magnitude = Math.abs(score);
  const confidence =
    stance === "neutral" ? Math.round(Math.max(10, Math.min(75, 35 + (25 - magnitude) - penalty))) : Math.round(Math.max(10, Math.min(90, 40 + (magnitude - 25) * 0.8 - penalty)));
  return { score, stance, confidence, adjustments };
}

/** +/- up to 15 from the active signals: buy signals tilt up, sell signals down, by their confidence. */
export function computeSignalTilt(signals: SymbolContext["signals"]): number {
  const raw = signals.reduce((sum, signal) => sum + (signal.direction === "buy" ? 1 : -1) * 10 * (signal.confidence / 100), 0);
  return Math.round(Math.max(-15, Math.min(15, raw)));
}

function describeLevel(level: KeyLevel): string {
  const sources = level.sources.slice(0, 3).join(", ");
  return level.touches > 1 ? `${sources} (${level.touches} touches)` : sources;
}

function positionSentences(position: PositionContext, price: number): string[] {
  const out: string[] = [];
  const quantity = Number(position.totalQuantity);
  if (quantity > 0) {
    const cost = position.holdings.reduce((sum, h) => sum + Number(h.costBasis), 0);
    const pnlPct = cost > 0 ? ((quantity * price - cost) / cost) * 100 : null;
    out.push(
      `You hold ${position.totalQuantity} ${position.base} across ${position.holdings.length} portfolio${position.holdings.length === 1 ? "" : "s"}` +
        (cost > 0 ? ` at an average cost of ${formatPrice(cost / quantity)} (${formatPct(pnlPct ?? 0)} unrealized).` : "."),
    );
  }
  if (position.openTrades.length > 0) {
    const trades = position.openTrades
      .slice(0, 3)
      .map((t) => `${t.side} ${t.quantity} from ${formatPrice(Number(t.entryPrice))}${t.leverage > 1 ? ` at ${t.leverage}x` : ""} (${t.mode})`)
      .join("; ");
    out.push(`Open trade${position.openTrades.length === 1 ? "" : "s"}: ${trades}.`);
  }
  return out;
}

function positionRisks(position: PositionContext, price: number, stance: Stance, dailyAtr: number | null): string[] {
  const risks: string[] = [];
  for (const trade of position.openTrades) {
    const against = (trade.side === "long" && stance === "bearish") || (trade.side === "short" && stance === "bullish");
    if (against) risks.push(`Your open ${trade.side} (${trade.mode}) runs against the ${stance} read.`);
    if (trade.stopLoss !== null && dailyAtr !== null) {
      const stop = Number(trade.stopLoss);
      const distance = Math.abs(price - stop);
      if (distance < dailyAtr) {
        risks.push(`Your ${trade.side} stop at ${formatPrice(stop)} is ${formatPct((distance / price) * 100).replace("+", "")} away, inside one day's average range.`);
      }
    } else if (trade.stopLoss === null) {
      risks.push(`Your open ${trade.side} from ${formatPrice(Number(trade.entryPrice))} has no stop loss.`);
    }
  }
  return risks;
}

/** The full offline analysis of one symbol. */
export function computeOfflineAnalysis(context: SymbolContext): ModelAnalysis {
  const { price, hourly, daily } = context;
  const dailySnap = computeIndicatorSnapshot(daily);
  const hourlySnap = computeIndicatorSnapshot(hourly);
  const dailyCloses = daily.map((bar) => bar.close);
  const trend = assessTrend({
    price,
    daily: dailySnap,
    hourly: hourlySnap,
    hourlySlopePct: computeEmaSlopePct(
      hourly.map((bar) => bar.close),
      50,
      10,
    ),
    efficiency: computeEfficiencyRatio(dailyCloses.length > 21 ? dailyCloses : hourly.map((bar) => bar.close)),
  });
  const stance = assessStance({ trend, daily: dailySnap, hourly: hourlySnap, signalTilt: computeSignalTilt(context.signals) });
  const levels = computeKeyLevels({ price, hourly, daily });

  const risks: string[] = [];
  const dRsi = dailySnap?.rsi14 ?? null;
  const hRsi = hourlySnap?.rsi14 ?? null;
  if (dRsi !== null && dRsi >= 70) risks.push(`Overbought: daily RSI ${dRsi.toFixed(0)}; pullbacks from here are common.`);
  if (dRsi !== null && dRsi <= 30) risks.push(`Oversold: daily RSI ${dRsi.toFixed(0)}; sell-offs can extend before they bounce.`);
  if (hRsi !== null && hRsi >= 75) risks.push(`Short-term overheating: hourly RSI ${hRsi.toFixed(0)}.`);
  if (hRsi !== null && hRsi <= 25) risks.push(`Short-term capitulation: hourly RSI ${hRsi.toFixed(0)}.`);
  const atrPct = dailySnap?.atrPct ?? null;
  if (atrPct !== null && atrPct >= 4) risks.push(`High volatility: the average daily range is ${atrPct.toFixed(1)} % of the price; size positions and stops for it.`);
  const squeeze = computeBandwidthPercentile(dailyCloses);
  if (squeeze !== null && squeeze <= 10) risks.push("Volatility squeeze: the daily Bollinger bands are near their narrowest; a sharp move either way is likely.");
  if ((hourlySnap?.volumeZ ?? 0) >= 3) risks.push(`Unusual volume: the last hour traded ${hourlySnap!.volumeZ!.toFixed(1)} standard deviations above normal.`);
  const hourlyAtr = hourlySnap?.atr14 ?? null;
  const nearestResistance = levels.resistances[0];
  const nearestSupport = levels.supports[0];
  if (nearestResistance && hourlyAtr !== null && nearestResistance.price - price <= hourlyAtr && stance.stance !== "bearish") {
    risks.push(`Price is testing resistance at ${formatPrice(nearestResistance.price)}; a rejection there would stall the move.`);
  }
  if (nearestSupport && hourlyAtr !== null && price - nearestSupport.price <= hourlyAtr && stance.stance !== "bullish") {
    risks.push(`Price sits just above support at ${formatPrice(nearestSupport.price)}; a break below opens the way lower.`);
  }
  for (const signal of context.signals) {
    const opposite = (signal.direction === "buy" && stance.stance === "bearish") || (signal.direction === "sell" && stance.stance === "bullish");
    if (opposite) risks.push(`An active ${signal.timeframe} ${signal.direction} signal (confidence ${signal.confidence}) disagrees with this read.`);
  }
  risks.push(...positionRisks(context.position, price, stance.stance, dailySnap?.atr14 ?? null));
  if (!dailySnap || dailySnap.bars < 60) risks.push(`Thin history: only ${daily.length} daily candles, so the longer averages are unreliable.`);
  if (risks.length === 0) {
    risks.push(
      nearestSupport
        ? `No extreme readings; the main risk is a daily close below support at ${formatPrice(nearestSupport.price)}.`
        : "No extreme readings; the market can still turn without warning.",
    );
  }

  const summary: string[] = [OFFLINE_NOTICE];
  const change = context.change24hPct;
  summary.push(`${context.symbol} trades at ${formatPrice(price)}${change === null ? "" : `, ${formatPct(change)} over 24 h`}.`);
  summary.push(
    trend.direction === "sideways"
      ? `There is no clear trend: ${
          trend.efficiency !== null && trend.efficiency < 0.25
            ? `the price has gone back and forth (it travelled ${Math.round(trend.efficiency * 100)} % efficiently over the last ${Math.min(EFFICIENCY_BARS, dailyCloses.length - 1)} days)`
            : `the averages and MACD are mixed (${trend.reasons.slice(0, 2).join(", ") || "too little history"})`
        }.`
      : `The trend is ${trend.direction} (${trend.strength}): ${trend.reasons.join(", ")}.`,
  );
  if (dRsi !== null) summary.push(`Daily RSI(14) is ${dRsi.toFixed(0)}${hRsi === null ? "" : `, hourly ${hRsi.toFixed(0)}`}.`);
  if (nearestSupport || nearestResistance) {
    summary.push(
      [nearestSupport ? `nearest support ${formatPrice(nearestSupport.price)}` : null, nearestResistance ? `resistance ${formatPrice(nearestResistance.price)}` : null]
        .filter(Boolean)
        .join(", ")
        .replace(/^./, (c) => c.toUpperCase()) + ".",
    );
  }
  summary.push(
    `Stance ${stance.stance} with ${stance.confidence} % confidence${stance.adjustments.length ? `; ${stance.adjustments.slice(0, 2).join(" and ")}` : ""}.`,
  );
  summary.push(...positionSentences(context.position, price));

  const toLevel = (level: KeyLevel) => ({ price: level.price, reason: describeLevel(level) });
  return {
    summary: summary.join(" "),
    trend: { direction: trend.direction, strength: trend.strength },
    supportLevels: levels.supports.map(toLevel),
    resistanceLevels: levels.resistances.map(toLevel),
    risks: risks.slice(0, MAX_RISKS),
    stance: stance.stance,
    confidence: stance.confidence,
  };
}

const TOPICS: { topic: "levels" | "risks" | "stance" | "position" | "trend" | "indicators"; pattern: RegExp }[] = [
  { topic: "levels", pattern: /support|resistance|level|target|stop|entry|where/i },
  { topic: "risks", pattern: /risk|danger|worr|safe|lose|crash|drawdown/i },
  { topic: "position", pattern: /portfolio|position|holding|hold|my |mine|trade|robot|exposure/i },
  { topic: "stance", pattern: /buy|sell|long|short|should|bull|bear|outlook|stance|invest/i },
  { topic: "indicators", pattern: /rsi|macd|ema|moving average|indicator|bollinger|atr|volatil/i },
  { topic: "trend", pattern: /trend|direction|going|move|up|down|sideways/i },
];

/**
 * The offline analyst's chat answer: honest that it is rule-based, then the parts of the analysis the
 * question asks about (everything when it matches no topic).
 */
export function composeOfflineChatReply({ question, context, analysis }: { question: string; context: ChatContext; analysis: ModelAnalysis | null }): string {
  const asked = new Set(TOPICS.filter((t) => t.pattern.test(question)).map((t) => t.topic));
  const all = asked.size === 0;
  const parts: string[] = [
    "I'm the offline analyst: no AI model is configured on this server, so I can't hold a free-form conversation. I answer from indicators and your own data with fixed rules.",
  ];
  const symbol = context.symbol;
  if (symbol && analysis) {
    const daily = computeIndicatorSnapshot(symbol.daily);
    if (all || asked.has("trend") || asked.has("stance")) {
      parts.push(`${symbol.symbol} is at ${formatPrice(symbol.price)}. Trend: ${analysis.trend.direction} (${analysis.trend.strength}). Stance: ${analysis.stance}, confidence ${analysis.confidence} %.`);
    }
    if (all || asked.has("indicators")) {
      if (daily) {
        const items = [
          daily.rsi14 === null ? null : `RSI(14) ${daily.rsi14.toFixed(0)}`,
          daily.ema50 === null ? null : `50-day EMA ${formatPrice(daily.ema50)}`,
          daily.ema200 === null ? null : `200-day EMA ${formatPrice(daily.ema200)}`,
          daily.macdHistogram === null ? null : `MACD histogram ${daily.macdHistogram > 0 ? "positive" : "negative"}`,
          daily.atrPct === null ? null : `daily ATR ${daily.atrPct.toFixed(1)} % of price`,
        ].filter(Boolean);
        parts.push(`Daily indicators: ${items.join(", ")}.`);
      }
    }
    if (all || asked.has("levels")) {
      const supports = analysis.supportLevels.map((l) => formatPrice(l.price)).join(", ") || "none found nearby";
      const resistances = analysis.resistanceLevels.map((l) => formatPrice(l.price)).join(", ") || "none found nearby";
      parts.push(`Support: ${supports}. Resistance: ${resistances}.`);
    }
    if (all || asked.has("risks")) parts.push(`Risks: ${analysis.risks.slice(0, 4).join(" ")}`);
    if (asked.has("stance")) parts.push("This is a rule-based reading of the indicators, not financial advice; decide your own size and stop.");
  } else if (!symbol) {
    const movers = [...context.market].filter((q) => q.change24hPct !== null).sort((a, b) => Math.abs(b.change24hPct!) - Math.abs(a.change24hPct!));
    if (movers.length > 0) {
      parts.push(`Market now: ${movers
        .slice(0, 5)
        .map((q) => `${q.symbol} ${formatPrice(q.price)} (${formatPct(q.change24hPct!)})`)
        .join(", ")}.`);
    }
    if (!all && !asked.has("position")) parts.push("Pick a symbol above for its trend, levels and risks.");
  }
  if (all || asked.has("position") || !symbol) {
    const { portfolio } = context;
    const relevant = symbol ? portfolio.holdings.filter((h) => h.symbol === symbol.base) : portfolio.holdings;
    const trades = symbol ? portfolio.openTrades.filter((t) => t.symbol === symbol.symbol) : portfolio.openTrades;
    if (portfolio.portfolios.length === 0 && trades.length === 0) {
      parts.push("You have no portfolio or open trade yet, so I can't comment on your position.");
    } else {
      if (!symbol && portfolio.portfolios.length > 0) {
        parts.push(
          `Your portfolios: ${portfolio.portfolios.map((p) => `${p.name} ${formatPrice(Number(p.value))} ${p.baseCurrency} (unrealized ${formatPrice(Number(p.unrealizedPnl))})`).join("; ")}.`,
        );
      }
      if (relevant.length > 0) {
        parts.push(
          `Holdings${symbol ? ` of ${symbol.base}` : ""}: ${relevant
            .slice(0, 8)
            .map((h) => `${h.quantity} ${h.symbol} in ${h.portfolioName}${h.unrealizedPnlPct === null ? "" : ` (${formatPct(h.unrealizedPnlPct)})`}`)
            .join(", ")}.`,
        );
      } else if (symbol) {
        parts.push(`You hold no ${symbol.base} in your portfolios.`);
      }
      if (trades.length > 0) {
        parts.push(
          `Open trades: ${trades
            .slice(0, 5)
            .map((t) => `${t.symbol} ${t.side} ${t.quantity} from ${formatPrice(Number(t.entryPrice))} (${t.mode}${t.stopLoss ? `, stop ${formatPrice(Number(t.stopLoss))}` : ", no stop"})`)
            .join("; ")}.`,
        );
      }
    }
  }
  return parts.join("\n\n");
}
