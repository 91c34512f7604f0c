/**
 * Which `corpsecret` an API needs: the customer-contact secret (externalcontact/*, media/upload),
 * the directory secret (user/*, department/*) or the self-built app's secret (message/send, login).
 */
export type WecomSecretKind = "contact" | "directory" | "app";

/** How the API groups reach WeCom: the right token attached, refused tokens refreshed once. */
export interface WecomCaller {
  get<T>(kind: WecomSecretKind, path: string, query?: Record<string, string>): Promise<T>;
  post<T>(kind: WecomSecretKind, path: string, body: object, query?: Record<string, string>): Promise<T>;
  upload<T>(kind: WecomSecretKind, path: string, query: Record<string, string>, form: FormData): Promise<T>;
}
