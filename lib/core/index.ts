export * from "./citation";
export * from "./errors";
export * from "./display";
export * from "./runtime";
export * from "./check";
export * from "./render";
export * from "./law";
