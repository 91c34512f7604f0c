import { z } from "zod";
import { actionsOf, type Action } from "../actions";
import type { WechatPaySimulator } from "./simulator";

const action = actionsOf<WechatPaySimulator>();
const fen = z.number().int().positive();

const stockBody = z
  .object({
    stockId: z.string().regex(/^\d{1,20}$/).optional(),
    stockName: z.string().min(1).max(20).optional(),
    maxCoupons: fen,
    maxCouponsPerUser: fen.optional(),
    couponAmountFen: fen,
    /** 满 X 减 Y's X; default Y + 1 fen, a coupon with no threshold (the payer still pays 1 fen). */
    transactionMinimumFen: fen.optional(),
    availableDays: fen.optional(),
  })
  .refine((s) => s.transactionMinimumFen === undefined || s.transactionMinimumFen > s.couponAmountFen, {
    message: "transactionMinimumFen must exceed couponAmountFen",
    path: ["transactionMinimumFen"],
  });

/** Each action the console and tests can drive over HTTP (`POST /_actions/<name>`): its body and what it runs. */
const ACTIONS = {
  createStock: action(stockBody, (sim, input) => {
    const minimum = input.transactionMinimumFen ?? input.couponAmountFen + 1;
    return sim.createStock({
      ...input,
      stockName: input.stockName ?? `满${minimum / 100}减${input.couponAmountFen / 100}代金券`,
      maxCouponsPerUser: input.maxCouponsPerUser ?? 1,
      transactionMinimumFen: minimum,
    });
  }),
  payWithCoupon: action(z.object({ couponId: z.string().min(1), totalFen: fen.optional(), payerOpenid: z.string().min(1).optional() }), (sim, input) =>
    sim.payWithCoupon(input),
  ),
  setFault: action(
    z.object({
      kind: z.enum(["timeout", "error500", "frequencyLimited", "duplicateNotifications", "none"]),
      times: fen.optional(),
      path: z.string().startsWith("/v3/").optional(),
    }),
    (sim, input) => {
      sim.setFault(input);
      return { faults: sim.faults() };
    },
  ),
  markUserAbnormal: action(z.object({ openid: z.string().min(1), abnormal: z.boolean().optional() }), (sim, input) => {
    sim.markUserAbnormal(input.openid, input.abnormal ?? true);
    return { openid: input.openid, abnormal: input.abnormal ?? true };
  }),
};

/** The simulator's actions, served by `mountActions`. */
export const WECHATPAY_ACTIONS: Record<string, Action<WechatPaySimulator>> = ACTIONS;
