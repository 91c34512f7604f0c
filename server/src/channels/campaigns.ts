import { randomUUID } from "node:crypto";
import type { CampaignInput, CampaignView } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { Campaign } from "./campaign.entity";
import { Channel } from "./channel.entity";

type CampaignDeps = Pick<AppDeps, "db" | "clock">;

export async function createCampaign({ db, clock }: CampaignDeps, input: CampaignInput): Promise<Campaign> {
  const campaign = Object.assign(new Campaign(), {
    id: randomUUID(),
    name: input.name,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    budgetFen: input.budgetFen,
    archivedAt: null,
    createdAt: clock.now(),
  });
  await db.transaction((em) => em.insert(Campaign, campaign));
  return campaign;
}

export async function listCampaigns({ db }: CampaignDeps): Promise<CampaignView[]> {
  const campaigns = await db.manager.find(Campaign, { order: { startsAt: "DESC" } });
  const counts: { campaignId: string; n: string | number }[] = await db.manager
    .createQueryBuilder(Channel, "c")
    .select("c.campaignId", "campaignId")
    .addSelect("COUNT(*)", "n")
    .groupBy("c.campaignId")
    .getRawMany();
  const byCampaign = new Map(counts.map((c) => [c.campaignId, Number(c.n)]));
  return campaigns.map((c) => presentCampaign(c, byCampaign.get(c.id) ?? 0));
}

export async function archiveCampaign({ db, clock }: CampaignDeps, id: string): Promise<void> {
  const result = await db.transaction((em) => em.update(Campaign, { id }, { archivedAt: clock.now() }));
  if (result.affected !== 1) throw NotFound("Campaign");
}

export const presentCampaign = (c: Campaign, channelCount: number): CampaignView => ({
  id: c.id,
  name: c.name,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  budgetFen: c.budgetFen,
  archived: c.archivedAt !== null,
  channelCount,
});
