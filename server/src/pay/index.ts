export { signMessage, verifyMessage, encryptResource, decryptResource, responseMessage, requestMessage, randomAlnum, RESOURCE_ALGORITHM, type EncryptedResource } from "./crypto";
export { WechatPayVerifier, SIGNATURE_WINDOW_MS, type PlatformKey, type HeaderBag } from "./verifier";
export {
  SignatureVerificationError,
  ResourceDecryptError,
  InvalidNotificationError,
  WechatPayApiError,
  WechatPayUnavailable,
  type SignatureFailure,
  type UnavailableReason,
} from "./errors";
export { openNotification, ENCRYPTED_RESOURCE_TYPE, type PayNotification } from "./notification";
export { WechatPayClient, type WechatPayClientOptions, type CouponDetail } from "./client";
export { wechatPayTime } from "./wireTime";
