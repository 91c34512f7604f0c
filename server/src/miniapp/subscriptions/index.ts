export { sendSubscribeMessage, type SubscribeMessageDeps, type SubscribeMessageRequest, type SubscribeMessageResult } from "./send";
export { subscriptionRoutes } from "./routes";
