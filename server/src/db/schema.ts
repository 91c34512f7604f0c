import { Session } from "../auth/session.entity";
import { CreateSessions1764140000000 } from "../auth/migrations/1764140000000-CreateSessions";
import { InboxEventRow } from "../wecom/inbox/inboxEvent.entity";
import { CreateWecomInbox1764150000000 } from "../wecom/migrations/1764150000000-CreateWecomInbox";
import { WecomAccessToken } from "../wecom/api/accessToken.entity";
import { CreateWecomAccessTokens1764150000100 } from "../wecom/api/migrations/1764150000100-CreateWecomAccessTokens";
import { Department } from "../wecom/directory/department.entity";
import { Staff } from "../wecom/directory/staff.entity";
import { CreateStaffDirectory1764150000200 } from "../wecom/directory/migrations/1764150000200-CreateStaffDirectory";
import { Customer, CustomerIdentity, CustomerMerge } from "../customers/customer.entity";
import { CustomerFollow } from "../customers/follow.entity";
import { TimelineEntry } from "../customers/timeline.entity";
import { CustomerInvite } from "../customers/invite.entity";
import { CreateCustomers1764160000000 } from "../customers/migrations/1764160000000-CreateCustomers";
import { Campaign } from "../channels/campaign.entity";
import { Channel } from "../channels/channel.entity";
import { CreateCampaignsAndChannels1764160000100 } from "../channels/migrations/1764160000100-CreateCampaignsAndChannels";
import { OutboxJob } from "../platform/outbox/outboxJob.entity";
import { CreateOutbox1764200000000 } from "../platform/migrations/1764200000000-CreateOutbox";
import { CouponStock, StockAlert, StockCounter } from "../coupons/stock.entity";
import { CouponClaim } from "../coupons/claim.entity";
import { CreateCoupons1764200000100 } from "../coupons/migrations/1764200000100-CreateCoupons";
import { PayNotificationRow } from "../pay/notification.entity";
import { PayTransaction } from "../pay/transaction.entity";
import { CreatePayRecords1764200000200 } from "../pay/migrations/1764200000200-CreatePayRecords";
import { Referral, ReferralAuditRow, ReferralCode, ReferralPolicy, ReferralScore, ScoreHistogram } from "../referrals/referral.entity";
import { CreateReferrals1764210000000 } from "../referrals/migrations/1764210000000-CreateReferrals";
import { FissionCampaign, FissionReward } from "../referrals/fission.entity";
import { CreateFission1764210000100 } from "../referrals/migrations/1764210000100-CreateFission";
import { ReferralPolicyAndFraud1764220000000 } from "../referrals/migrations/1764220000000-ReferralPolicyAndFraud";
import { ShardScoreHistogram1764220000200 } from "../referrals/migrations/1764220000200-ShardScoreHistogram";
import { PosterBackground } from "../referrals/posterBackground.entity";
import { CreatePosterBackgrounds1764220000100 } from "../referrals/migrations/1764220000100-CreatePosterBackgrounds";
import { Material, MaterialAsset, MaterialVersion } from "../materials/material.entity";
import { MaterialShare } from "../materials/share.entity";
import { MaterialEvent, MaterialViewer } from "../materials/event.entity";
import { CreateMaterials1764230000000 } from "../materials/migrations/1764230000000-CreateMaterials";
import { MaterialAlert, MaterialAlertSlot, MaterialAlertThrottle } from "../materials/alert.entity";
import { CreateMaterialAlerts1764230000100 } from "../materials/migrations/1764230000100-CreateMaterialAlerts";
import { LeadScoreFactor, LeadScoreRow, LeadScoringRulesRow } from "../materials/scoring/entities";
import { CreateLeadScores1764230000200 } from "../materials/migrations/1764230000200-CreateLeadScores";
import { SubscribeSend, SubscriptionGrant } from "../miniapp/subscriptions/grant.entity";
import { CreateSubscriptionGrants1764235000000 } from "../miniapp/subscriptions/migrations/1764235000000-CreateSubscriptionGrants";
import { FollowupOptOut, FollowupPlan, LeadContact } from "../followups/plan.entity";
import { FollowupTask } from "../followups/task.entity";
import { CreateFollowups1764240000000 } from "../followups/migrations/1764240000000-CreateFollowups";

/** Every entity, from its domain folder. */
export const entities = [
  Session,
  InboxEventRow,
  Department,
  Staff,
  WecomAccessToken,
  Customer,
  CustomerIdentity,
  CustomerMerge,
  CustomerFollow,
  TimelineEntry,
  CustomerInvite,
  Campaign,
  Channel,
  OutboxJob,
  CouponStock,
  StockCounter,
  StockAlert,
  CouponClaim,
  PayNotificationRow,
  PayTransaction,
  ReferralCode,
  Referral,
  ReferralScore,
  ScoreHistogram,
  ReferralPolicy,
  ReferralAuditRow,
  FissionCampaign,
  FissionReward,
  PosterBackground,
  Material,
  MaterialVersion,
  MaterialAsset,
  MaterialShare,
  MaterialEvent,
  MaterialViewer,
  MaterialAlertThrottle,
  MaterialAlert,
  MaterialAlertSlot,
  LeadScoringRulesRow,
  LeadScoreRow,
  LeadScoreFactor,
  SubscriptionGrant,
  SubscribeSend,
  FollowupPlan,
  FollowupTask,
  FollowupOptOut,
  LeadContact,
];

/** Every migration, in the order they run. Names are `<epoch ms>-<WhatChanged>`. */
export const migrations = [
  CreateSessions1764140000000,
  CreateWecomInbox1764150000000,
  CreateWecomAccessTokens1764150000100,
  CreateStaffDirectory1764150000200,
  CreateCustomers1764160000000,
  CreateCampaignsAndChannels1764160000100,
  CreateOutbox1764200000000,
  CreateCoupons1764200000100,
  CreatePayRecords1764200000200,
  CreateReferrals1764210000000,
  CreateFission1764210000100,
  ReferralPolicyAndFraud1764220000000,
  CreatePosterBackgrounds1764220000100,
  ShardScoreHistogram1764220000200,
  CreateMaterials1764230000000,
  CreateMaterialAlerts1764230000100,
  CreateLeadScores1764230000200,
  CreateSubscriptionGrants1764235000000,
  CreateFollowups1764240000000,
];
