import type { SessionUser } from "@scrm/shared";
import type { Config } from "@scrm/config";
import type { AppDeps } from "../deps";
import type { Logger } from "../platform/logger";
import { Customer } from "../customers/customer.entity";
import { AvatarLoader } from "../posters/avatarLoader";
import { TtlCache } from "../platform/ttlCache";
import { sandboxAvatarRoute } from "../sandbox/wecom/avatars";

/** A poster waits this long for the referrer's picture at most, directory look-up included. */
const AVATAR_DEADLINE_MS = 2500;
/** Staff avatar URLs change rarely; one directory call per staff member per this long. */
const STAFF_URL_TTL_MS = 10 * 60_000;

/** In sandbox mode avatars come from the WeCom simulator; nothing is fetched from WeChat. */
export function avatarLoaderFromConfig(config: Config, logger: Logger): AvatarLoader {
  return new AvatarLoader({ logger, route: config.sandbox ? sandboxAvatarRoute(config.wecom.apiBase) : undefined });
}

type ReferrerAvatarDeps = Pick<AppDeps, "db" | "wecom" | "logger">;

/**
 * The referrer's profile picture for their poster: a customer's from their profile, a staff
 * member's from WeCom's directory (our staff table does not keep it). Undefined (the initial on a
 * disc) whenever there is none or it cannot be had in time.
 */
export class ReferrerAvatars {
  private readonly staffUrls = new TtlCache<string, string | undefined>(STAFF_URL_TTL_MS, 10_000);

  constructor(
    private readonly deps: ReferrerAvatarDeps,
    private readonly loader: AvatarLoader,
  ) {}

  photoOf(user: SessionUser): Promise<Buffer | undefined> {
    const photo = (async () => this.loader.load(await this.urlOf(user)))().catch((err: Error) => {
      this.deps.logger.warn({ role: user.role, err: err.message }, "referrer avatar not found: the poster shows the initial");
      return undefined;
    });
    return within(AVATAR_DEADLINE_MS, photo);
  }

  private async urlOf(user: SessionUser): Promise<string | undefined> {
    if (user.role === "customer") {
      const customer = await this.deps.db.manager.findOneBy(Customer, { id: user.id });
      const current = customer?.mergedInto ? await this.deps.db.manager.findOneBy(Customer, { id: customer.mergedInto }) : customer;
      return current?.avatar || undefined;
    }
    return this.staffUrls.get(user.id, async (userid) => (await this.deps.wecom.directory.getUser(userid)).avatar || undefined);
  }
}

/** The work's answer, or undefined once `ms` have passed (the work is left to finish on its own). */
function within<T>(ms: number, work: Promise<T | undefined>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
