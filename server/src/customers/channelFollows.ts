import { Between } from "typeorm";
import type { Database } from "../db/database";
import { CustomerFollow, type FollowStatus } from "./follow.entity";

export interface ChannelFollowFact {
  staffUserId: string;
  countedNew: boolean;
  status: FollowStatus;
  addedAt: Date;
  endedAt: Date | null;
}

/** The adds through a channel in a period (business time), for its statistics. */
export async function channelFollows(db: Database, channelId: string, from: Date, to: Date): Promise<ChannelFollowFact[]> {
  return db.manager.find(CustomerFollow, {
    select: { staffUserId: true, countedNew: true, status: true, addedAt: true, endedAt: true },
    where: { channelId, addedAt: Between(from, to) },
  });
}
