export * from "./table";
export * from "./chinchilla-table3";
export * from "./zhang-critical-batch";
export * from "./gadre-targets";
