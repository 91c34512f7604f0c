import { z } from "zod";

const isoTime = z.iso.datetime();

/**
 * What starts a plan for a customer. Each occurrence (one add, one claim, one purchase…) starts it
 * once, however often the platform tells us about it.
 */
export const FollowupTrigger = z.discriminatedUnion("kind", [
  /** Added a staff member through a channel (any channel when `channelId` is absent). */
  z.object({ kind: z.literal("customer_added"), channelId: z.string().min(1).max(36).optional() }),
  z.object({ kind: z.literal("coupon_claimed"), stockId: z.string().min(1).max(36).optional() }),
  /** A purchase: the coupon was redeemed in a store or at WeChat Pay checkout. */
  z.object({ kind: z.literal("coupon_redeemed"), stockId: z.string().min(1).max(36).optional() }),
  /** Steps count from `hoursBefore` hours before the claimed coupon expires. */
  z.object({ kind: z.literal("coupon_expiring"), hoursBefore: z.number().int().min(1).max(720) }),
  z.object({ kind: z.literal("material_viewed"), times: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal("score_hot") }),
  z.object({ kind: z.literal("inactive"), days: z.number().int().min(1).max(365) }),
]);
export type FollowupTrigger = z.infer<typeof FollowupTrigger>;
export type TriggerKind = FollowupTrigger["kind"];

/**
 * Who gets a step: a task for the staff member (WeCom app message with the script and a link to
 * the customer), a message to the customer the staff member confirms in WeCom (add_msg_template),
 * a mini-program service notice the customer subscribed to, or a task for the managers.
 */
export const DeliveryChannel = z.enum(["staff_task", "customer_message", "subscribe_message", "manager_task"]);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;
/** Channels whose message reaches the customer: quiet hours and frequency caps apply. */
export const CUSTOMER_FACING: readonly DeliveryChannel[] = ["customer_message", "subscribe_message"];

/**
 * Why a step is no longer sent, checked when it is due: the customer redeemed (bought) since the
 * trigger, deleted the staff member, opted out, the plan was edited or turned off since, or (lead
 * response steps) the staff member has contacted the customer.
 */
export const StopCondition = z.enum(["redeemed", "deleted_staff", "opted_out", "plan_replaced", "contacted"]);
export type StopCondition = z.infer<typeof StopCondition>;

/** How long after the trigger: calendar time, or working hours of the platform calendar. */
export const StepDelay = z.object({ amount: z.number().int().min(0).max(100_000), unit: z.enum(["minutes", "hours", "days", "working_hours"]) });
export type StepDelay = z.infer<typeof StepDelay>;

/** Variables a template may use: {customerName} {staffName} {coupon}. */
export const TEMPLATE_VARIABLES = ["customerName", "staffName", "coupon"] as const;

export const FollowupStep = z.object({
  delay: StepDelay,
  channel: DeliveryChannel,
  /** The message (customer-facing) or the script (tasks), with {variables}. */
  template: z
    .string()
    .trim()
    .min(1)
    .max(1_000)
    .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every(([, name]) => (TEMPLATE_VARIABLES as readonly string[]).includes(name)), {
      message: `variables are ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" ")}`,
    }),
  /** Subscribe messages: which subscription template (see GET /api/subscriptions). */
  subscribeTemplate: z.string().min(1).max(64).optional(),
  /** A coupon of this stock granted to the customer when the step is delivered (an exclusive offer). */
  grantStockId: z.string().min(1).max(36).optional(),
  stopWhen: z.array(StopCondition).max(5).default(["redeemed", "deleted_staff", "opted_out", "plan_replaced"]),
});
export type FollowupStep = z.infer<typeof FollowupStep>;
export type FollowupStepInput = z.input<typeof FollowupStep>;

/** `POST /api/followup-plans`, `PUT /api/followup-plans/:id` (managers): an edit makes a new version. */
export const FollowupPlanInput = z.object({
  name: z.string().trim().min(1).max(64),
  trigger: FollowupTrigger,
  steps: z.array(FollowupStep).min(1).max(10),
  enabled: z.boolean().default(true),
});
export type FollowupPlanInput = z.input<typeof FollowupPlanInput>;

export const FollowupPlanView = z.object({
  id: z.string(),
  /** The default plan it was seeded as (`claimed_not_redeemed`, `after_purchase`, `lead_response`), if any. */
  key: z.string().nullable(),
  name: z.string(),
  trigger: FollowupTrigger,
  steps: z.array(FollowupStep),
  enabled: z.boolean(),
  version: z.number().int(),
  updatedAt: isoTime,
});
export type FollowupPlanView = z.infer<typeof FollowupPlanView>;

export const TaskState = z.enum(["pending", "sending", "sent", "confirmed", "done", "stopped", "failed", "unknown"]);
export type TaskState = z.infer<typeof TaskState>;

/** A plan's results: tasks by state and step, and customers who bought after the plan started. */
export const FollowupPlanResults = z.object({
  planId: z.string(),
  scheduled: z.number().int(),
  sent: z.number().int(),
  stopped: z.number().int(),
  failed: z.number().int(),
  /** Customers of the plan who redeemed a coupon after its trigger. */
  converted: z.number().int(),
  steps: z.array(z.object({ step: z.number().int(), scheduled: z.number().int(), pending: z.number().int(), sent: z.number().int(), stopped: z.number().int(), failed: z.number().int() })),
});
export type FollowupPlanResults = z.infer<typeof FollowupPlanResults>;

/** One follow-up as staff and timelines see it. */
export const FollowupTaskView = z.object({
  id: z.string(),
  planId: z.string(),
  planName: z.string(),
  step: z.number().int(),
  channel: DeliveryChannel,
  customerId: z.string(),
  customerName: z.string(),
  staffUserId: z.string().nullable(),
  /** The rendered script or message. */
  text: z.string(),
  dueAt: isoTime,
  state: TaskState,
  /** Why it stopped or failed, or what the platform answered. */
  reason: z.string().nullable(),
  sentAt: isoTime.nullable(),
});
export type FollowupTaskView = z.infer<typeof FollowupTaskView>;

/** `POST /api/customers/:id/contacted`: the staff member reached the customer (the lead response is met). */
export const ContactedRequest = z.object({ note: z.string().trim().max(200).optional() });

/** `POST /api/followups/opt-out` (customer): no more follow-up messages; `optedOut: false` opts back in. */
export const OptOutRequest = z.object({ optedOut: z.boolean() });

/** `POST /api/sandbox/clock` (sandbox only): moves business time forward. */
export const ClockAdvanceRequest = z.object({ hours: z.number().min(0).max(24 * 400) });
export const ClockView = z.object({ now: isoTime });
