export { DemoAccountStore, demoAccounts } from "./account";
export { DEMO_ASSETS, DEMO_FEE_RATE, QUOTE_CURRENCY, type DemoAsset } from "./assets";
export {
  DEMO_EXCHANGE_ID,
  DEMO_KEY_PREFIX,
  DEMO_TIMEOUT_KEY,
  DEMO_UNAVAILABLE_KEY,
  createDemoExchange,
  isDemoApiKey,
  type DemoExchangeOptions,
} from "./exchange";
