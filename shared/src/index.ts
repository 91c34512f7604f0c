export * from "./roles";
export * from "./api/errors";
export * from "./api/status";
export * from "./api/auth";
export * from "./api/staff";
export * from "./api/endpoints";
export * from "./api/wecomEvents";
