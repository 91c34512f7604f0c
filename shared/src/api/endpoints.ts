import { z } from "zod";
import { MeResponse, SandboxLoginRequest, SessionResponse, WecomLoginRequest } from "./auth";
import { StaffListResponse, StaffRoleRequest, StaffRoleResponse } from "./staff";
import { StatusResponse } from "./status";
import { CampaignInput, CampaignView, ChannelInput, ChannelStats, ChannelView } from "./channels";
import { CustomerDetail, CustomerList, CustomerSummary, FollowEdit, ReassignRequest, ReassignResponse } from "./customers";
import { ClaimRequest, ClaimResponse, CouponOffer, MyCoupon, RedeemCode, RedeemRequest, Redemption, StockDetail, StockInput, StockView } from "./coupons";
import {
  FissionInput,
  FissionProgress,
  FissionView,
  Leaderboard,
  MyRank,
  MyReferral,
  OpenReferralRequest,
  OpenReferralResponse,
  ReferralAudit,
  ReferralPolicyInput,
  ReferralPolicyView,
  ReviewReferralRequest,
  SuspiciousList,
  SuspiciousReferral,
} from "./referrals";
import {
  LeadScore,
  MaterialAssetView,
  MaterialEventInput,
  MaterialEventResponse,
  MaterialInput,
  MaterialStats,
  MaterialVersionSummary,
  MaterialView,
  MyShare,
  ScoringRules,
  ScoringRulesView,
  SharedMaterial,
  ShareRequest,
  ShareView,
} from "./materials";
import { CustomerSessionResponse, LandingContact, LandingView, WxLoginRequest } from "./landing";
import { PosterBackgroundView } from "./referralPoster";
import { SubscriptionGrantRequest, SubscriptionsResponse } from "./subscriptions";
import { ClockAdvanceRequest, ClockView, ContactedRequest, FollowupPlanInput, FollowupPlanResults, FollowupPlanView, FollowupTaskView, OptOutRequest } from "./followups";

/**
 * The HTTP contract, one entry per endpoint. The server validates bodies with `body` and the
 * mini-program's client parses answers with `response`, so both sides share one definition.
 */
export interface Endpoint<B extends z.ZodType | undefined, R extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body: B;
  response: R;
}

// `P` keeps each path as a literal type, so a client can require exactly its `:name` parameters.
const endpoint = <B extends z.ZodType | undefined, R extends z.ZodType, P extends string = string>(e: Endpoint<B, R> & { path: P }) => e;

export const endpoints = {
  status: endpoint({ method: "GET", path: "/api/status", body: undefined, response: StatusResponse }),
  me: endpoint({ method: "GET", path: "/api/me", body: undefined, response: MeResponse }),
  sandboxLogin: endpoint({
    method: "POST",
    path: "/api/sandbox/login",
    body: SandboxLoginRequest,
    response: SessionResponse,
  }),
  wecomWeappLogin: endpoint({ method: "POST", path: "/api/auth/wecom/weapp", body: WecomLoginRequest, response: SessionResponse }),
  wecomOAuthLogin: endpoint({ method: "POST", path: "/api/auth/wecom/oauth", body: WecomLoginRequest, response: SessionResponse }),
  staffList: endpoint({ method: "GET", path: "/api/admin/staff", body: undefined, response: StaffListResponse }),
  staffRole: endpoint({ method: "POST", path: "/api/admin/staff/:userid/role", body: StaffRoleRequest, response: StaffRoleResponse }),

  campaignList: endpoint({ method: "GET", path: "/api/campaigns", body: undefined, response: z.object({ campaigns: z.array(CampaignView) }) }),
  campaignCreate: endpoint({ method: "POST", path: "/api/campaigns", body: CampaignInput, response: z.object({ campaign: CampaignView }) }),
  campaignChannels: endpoint({ method: "GET", path: "/api/campaigns/:id/channels", body: undefined, response: z.object({ channels: z.array(ChannelView) }) }),
  channelCreate: endpoint({ method: "POST", path: "/api/channels", body: ChannelInput, response: z.object({ channel: ChannelView }) }),
  channelGet: endpoint({ method: "GET", path: "/api/channels/:id", body: undefined, response: z.object({ channel: ChannelView }) }),
  channelUpdate: endpoint({ method: "PUT", path: "/api/channels/:id", body: ChannelInput, response: z.object({ channel: ChannelView }) }),
  channelArchive: endpoint({ method: "POST", path: "/api/channels/:id/archive", body: undefined, response: z.object({ channel: ChannelView }) }),
  channelRefresh: endpoint({
    method: "POST",
    path: "/api/channels/:id/refresh",
    body: undefined,
    response: z.object({ changed: z.boolean(), channel: ChannelView }),
  }),
  /** Query: `from`, `to` (ChannelStatsQuery). */
  channelStats: endpoint({ method: "GET", path: "/api/channels/:id/stats", body: undefined, response: ChannelStats }),
  /** Query: CustomerListQuery. */
  customerList: endpoint({ method: "GET", path: "/api/customers", body: undefined, response: CustomerList }),
  customerGet: endpoint({ method: "GET", path: "/api/customers/:id", body: undefined, response: CustomerDetail }),
  customerFollowEdit: endpoint({ method: "PATCH", path: "/api/customers/:id/follow", body: FollowEdit, response: z.object({ follow: CustomerSummary }) }),
  landingGet: endpoint({ method: "GET", path: "/api/landing/:state", body: undefined, response: LandingView }),
  landingContact: endpoint({ method: "POST", path: "/api/landing/:state/contact", body: undefined, response: LandingContact }),
  wxLogin: endpoint({ method: "POST", path: "/api/auth/wx-login", body: WxLoginRequest, response: CustomerSessionResponse }),

  stockList: endpoint({ method: "GET", path: "/api/campaigns/:id/stocks", body: undefined, response: z.object({ stocks: z.array(StockView) }) }),
  stockCreate: endpoint({ method: "POST", path: "/api/coupon-stocks", body: StockInput, response: z.object({ stock: StockView }) }),
  stockGet: endpoint({ method: "GET", path: "/api/coupon-stocks/:id", body: undefined, response: StockDetail }),
  stockPause: endpoint({ method: "POST", path: "/api/coupon-stocks/:id/pause", body: undefined, response: z.object({ stock: StockView }) }),
  stockResume: endpoint({ method: "POST", path: "/api/coupon-stocks/:id/resume", body: undefined, response: z.object({ stock: StockView }) }),
  landingOffers: endpoint({ method: "GET", path: "/api/landing/:state/offers", body: undefined, response: z.object({ offers: z.array(CouponOffer) }) }),
  /** Header `Idempotency-Key` required. */
  couponClaim: endpoint({ method: "POST", path: "/api/coupons/claim", body: ClaimRequest, response: ClaimResponse }),
  myCoupons: endpoint({ method: "GET", path: "/api/coupons/mine", body: undefined, response: z.object({ coupons: z.array(MyCoupon) }) }),
  myCouponCode: endpoint({ method: "GET", path: "/api/coupons/mine/:id/code", body: undefined, response: RedeemCode }),
  couponRedeem: endpoint({ method: "POST", path: "/api/coupons/redeem", body: RedeemRequest, response: z.object({ redemption: Redemption }) }),

  myReferral: endpoint({ method: "GET", path: "/api/campaigns/:id/my-referral", body: undefined, response: MyReferral }),
  referralOpen: endpoint({ method: "POST", path: "/api/referrals/open", body: OpenReferralRequest, response: OpenReferralResponse }),
  /** Query: LeaderboardQuery. */
  leaderboard: endpoint({ method: "GET", path: "/api/campaigns/:id/leaderboard", body: undefined, response: Leaderboard }),
  /** Query: `period`, `metric`, `date` (LeaderboardQuery). */
  myRank: endpoint({ method: "GET", path: "/api/campaigns/:id/my-rank", body: undefined, response: MyRank }),
  fissionSet: endpoint({ method: "PUT", path: "/api/campaigns/:id/fission", body: FissionInput, response: FissionView }),
  fissionGet: endpoint({ method: "GET", path: "/api/campaigns/:id/fission", body: undefined, response: FissionView }),
  myProgress: endpoint({ method: "GET", path: "/api/campaigns/:id/my-progress", body: undefined, response: FissionProgress }),
  referralPolicySet: endpoint({ method: "PUT", path: "/api/campaigns/:id/referral-policy", body: ReferralPolicyInput, response: ReferralPolicyView }),
  referralPolicyGet: endpoint({ method: "GET", path: "/api/campaigns/:id/referral-policy", body: undefined, response: ReferralPolicyView }),
  suspicious: endpoint({ method: "GET", path: "/api/campaigns/:id/suspicious", body: undefined, response: SuspiciousList }),
  referralVoid: endpoint({ method: "POST", path: "/api/referrals/:id/void", body: ReviewReferralRequest, response: SuspiciousReferral }),
  referralClear: endpoint({ method: "POST", path: "/api/referrals/:id/clear", body: ReviewReferralRequest, response: SuspiciousReferral }),
  referralAudit: endpoint({ method: "GET", path: "/api/referrals/:id/audit", body: undefined, response: ReferralAudit }),
  /** Body: the raw PNG or JPEG (POSTER_BACKGROUND_TYPES, at most POSTER_BACKGROUND_MAX_BYTES). */
  posterBackgroundSet: endpoint({ method: "PUT", path: "/api/campaigns/:id/poster-background", body: undefined, response: PosterBackgroundView }),

  /** Body: the raw file (MATERIAL_ASSET_TYPES, at most MATERIAL_ASSET_MAX_BYTES). Served by `GET /api/material-assets/:id`. */
  materialAssetUpload: endpoint({ method: "POST", path: "/api/material-assets", body: undefined, response: MaterialAssetView }),
  /** Query: MaterialQuery. Staff see enabled materials; managers all. */
  materialList: endpoint({ method: "GET", path: "/api/materials", body: undefined, response: z.object({ materials: z.array(MaterialView) }) }),
  materialCreate: endpoint({ method: "POST", path: "/api/materials", body: MaterialInput, response: z.object({ material: MaterialView }) }),
  materialGet: endpoint({ method: "GET", path: "/api/materials/:id", body: undefined, response: MaterialView }),
  /** A new version (shares made before keep theirs). */
  materialUpdate: endpoint({ method: "PUT", path: "/api/materials/:id", body: MaterialInput, response: z.object({ material: MaterialView }) }),
  materialVersions: endpoint({ method: "GET", path: "/api/materials/:id/versions", body: undefined, response: z.object({ versions: z.array(MaterialVersionSummary) }) }),
  materialStats: endpoint({ method: "GET", path: "/api/materials/:id/stats", body: undefined, response: MaterialStats }),
  shareCreate: endpoint({ method: "POST", path: "/api/materials/:id/shares", body: ShareRequest, response: ShareView }),
  /** Anyone with the token (viewers need not be logged in). The poster is `GET /api/shares/:token/poster.png`. */
  sharedMaterial: endpoint({ method: "GET", path: "/api/shares/:token", body: undefined, response: SharedMaterial }),
  /** Anyone with the token; a logged-in customer's session joins the device to them. */
  materialEvent: endpoint({ method: "POST", path: "/api/shares/:token/events", body: MaterialEventInput, response: MaterialEventResponse }),
  myShares: endpoint({ method: "GET", path: "/api/my-shares", body: undefined, response: z.object({ shares: z.array(MyShare) }) }),
  scoringRulesGet: endpoint({ method: "GET", path: "/api/lead-scoring", body: undefined, response: ScoringRulesView }),
  scoringRulesSet: endpoint({ method: "PUT", path: "/api/lead-scoring", body: ScoringRules, response: ScoringRulesView }),
  customerScore: endpoint({ method: "GET", path: "/api/customers/:id/score", body: undefined, response: LeadScore }),

  /** The customer's subscribe message templates: the ids for `wx.requestSubscribeMessage` and the grants left. */
  subscriptions: endpoint({ method: "GET", path: "/api/subscriptions", body: undefined, response: SubscriptionsResponse }),
  /** The templates the customer just accepted (one grant each). */
  subscriptionGrant: endpoint({ method: "POST", path: "/api/subscriptions", body: SubscriptionGrantRequest, response: SubscriptionsResponse }),
  followupPlans: endpoint({ method: "GET", path: "/api/followup-plans", body: undefined, response: z.object({ plans: z.array(FollowupPlanView) }) }),
  followupPlanCreate: endpoint({ method: "POST", path: "/api/followup-plans", body: FollowupPlanInput, response: z.object({ plan: FollowupPlanView }) }),
  /** A new version; tasks of the old one stop when due where their step says `plan_replaced`. */
  followupPlanUpdate: endpoint({ method: "PUT", path: "/api/followup-plans/:id", body: FollowupPlanInput, response: z.object({ plan: FollowupPlanView }) }),
  followupPlanResults: endpoint({ method: "GET", path: "/api/followup-plans/:id/results", body: undefined, response: FollowupPlanResults }),
  /** The signed-in staff member's follow-ups due today (business time). */
  myTasks: endpoint({ method: "GET", path: "/api/my-tasks", body: undefined, response: z.object({ tasks: z.array(FollowupTaskView) }) }),
  customerFollowups: endpoint({ method: "GET", path: "/api/customers/:id/followups", body: undefined, response: z.object({ tasks: z.array(FollowupTaskView) }) }),
  /** Managers: hand the customer to another staff member (WeCom's 在职继承, taken over 24 hours later). */
  customerReassign: endpoint({ method: "POST", path: "/api/customers/:id/reassign", body: ReassignRequest, response: ReassignResponse }),
  customerContacted: endpoint({ method: "POST", path: "/api/customers/:id/contacted", body: ContactedRequest, response: z.object({ contactedAt: z.iso.datetime() }) }),
  /** Whether the signed-in customer opted out of follow-up messages (the switch on their coupons page). */
  followupOptOutState: endpoint({ method: "GET", path: "/api/followups/opt-out", body: undefined, response: z.object({ optedOut: z.boolean() }) }),
  followupOptOut: endpoint({ method: "POST", path: "/api/followups/opt-out", body: OptOutRequest, response: z.object({ optedOut: z.boolean() }) }),
  /** Sandbox only. */
  sandboxClock: endpoint({ method: "GET", path: "/api/sandbox/clock", body: undefined, response: ClockView }),
  /** Sandbox only: advances business time and delivers what fell due. */
  sandboxClockAdvance: endpoint({ method: "POST", path: "/api/sandbox/clock", body: ClockAdvanceRequest, response: ClockView.extend({ delivered: z.number().int() }) }),
};
export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
export type BodyOf<N extends EndpointName> = Endpoints[N]["body"] extends z.ZodType
  ? z.input<Endpoints[N]["body"]>
  : undefined;
export type ResponseOf<N extends EndpointName> = z.infer<Endpoints[N]["response"]>;

/** The `:name` segments of a path, as a union of names (never when it has none). */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
export type PathParamsOf<N extends EndpointName> = Record<PathParamNames<Endpoints[N]["path"]>, string>;
