export * from "./auth";
export * from "./audit";
export * from "./exchanges";
export * from "./portfolio";
export * from "./market";
export * from "./signals";
export * from "./robot";
export * from "./alerts";
