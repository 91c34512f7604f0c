import type { FollowupPlanInput } from "@scrm/shared";

/** After a purchase the customer has bought: only leaving, opting out or a new plan version stop the care steps. */
const CARE_STOPS = ["deleted_staff", "opted_out", "plan_replaced"] as const;
/** The lead response steps stop once the staff member reached the customer. */
const RESPONSE_STOPS = ["contacted", "deleted_staff", "plan_replaced"] as const;

/** The plans a new installation starts with (../shared/DOMAIN.md): managers edit or turn them off. */
export const DEFAULT_PLANS: Record<string, FollowupPlanInput> = {
  claimed_not_redeemed: {
    name: "领券未核销提醒",
    trigger: { kind: "coupon_claimed" },
    steps: [
      {
        delay: { amount: 72, unit: "hours" },
        channel: "customer_message",
        template: "{customerName}您好，您领取的「{coupon}」还没有使用哦，到店出示即可抵扣，有任何问题随时找我～",
      },
    ],
  },
  after_purchase: {
    name: "购买后关怀",
    trigger: { kind: "coupon_redeemed" },
    steps: [
      { delay: { amount: 48, unit: "hours" }, channel: "customer_message", template: "{customerName}您好，我是{staffName}。这次购物体验还满意吗？有任何问题可以直接回复我。", stopWhen: [...CARE_STOPS] },
      { delay: { amount: 7, unit: "days" }, channel: "customer_message", template: "{customerName}，感谢您的支持！使用中有什么建议都欢迎告诉我。", stopWhen: [...CARE_STOPS] },
      { delay: { amount: 14, unit: "days" }, channel: "customer_message", template: "{customerName}，为老朋友准备了一份专属优惠，点开看看吧。", stopWhen: [...CARE_STOPS] },
      { delay: { amount: 30, unit: "days" }, channel: "customer_message", template: "{customerName}，诚邀您加入我们的会员，享受会员专属价和生日礼。", stopWhen: [...CARE_STOPS] },
    ],
  },
  coupon_expiring: {
    name: "优惠券到期提醒",
    trigger: { kind: "coupon_expiring", hoursBefore: 24 },
    steps: [{ delay: { amount: 0, unit: "hours" }, channel: "subscribe_message", subscribeTemplate: "coupon_expiring", template: "您的「{coupon}」明天到期" }],
  },
  lead_response: {
    name: "新客户首次响应",
    trigger: { kind: "customer_added" },
    steps: [
      { delay: { amount: 2, unit: "working_hours" }, channel: "staff_task", template: "新客户{customerName}已等待 2 个工作小时，请尽快联系并点「已联系」。", stopWhen: [...RESPONSE_STOPS] },
      { delay: { amount: 3, unit: "working_hours" }, channel: "manager_task", template: "{staffName}的新客户{customerName}超过响应时限仍未联系，可改派给其他顾问。", stopWhen: [...RESPONSE_STOPS] },
    ],
  },
};
