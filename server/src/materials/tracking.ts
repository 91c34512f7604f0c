import type { MaterialEventInput, MaterialEventResponse, SessionUser } from "@scrm/shared";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { NotFound, ValidationFailed } from "../http/errors";
import { newId } from "../platform/ids";
import type { MaterialEvent } from "./event.entity";
import type { TrackedEvent } from "./eventWriter";
import type { BehaviourFact } from "./scoring/behaviour";
import { forwardShare } from "./shares";
import { exclusionOf, viewerKeyOf, type EventViewer } from "./viewers";

type EventInput = z.output<typeof MaterialEventInput>;

/** What each kind needs besides its kind; checked before anything is written. */
function checkInput(input: EventInput): void {
  if (input.kind === "heartbeat" && input.dwellMs === undefined) throw ValidationFailed([{ path: "dwellMs", message: "a heartbeat carries dwellMs" }]);
  if (input.kind === "cta" && !input.cta) throw ValidationFailed([{ path: "cta", message: "a cta event names its call to action" }]);
  if (input.kind !== "heartbeat" && input.dwellMs !== undefined) throw ValidationFailed([{ path: "dwellMs", message: "only heartbeats carry dwellMs" }]);
  if (input.kind !== "cta" && input.cta !== undefined) throw ValidationFailed([{ path: "cta", message: "only cta events carry cta" }]);
}

/** The viewer an event is counted for: a customer's surviving OneID record, a staff member, or the device. */
async function viewerOf(deps: AppDeps, user: SessionUser | undefined): Promise<EventViewer> {
  if (!user) return { kind: "anonymous" };
  if (user.role === "customer") return { kind: "customer", customerId: await deps.materials.survivorOf(user.id) };
  return { kind: "staff", userid: user.id };
}

/**
 * Records what a viewer did with a share, answering once it is stored (group commit). A view
 * counts an open, a heartbeat adds reading time, a share intent makes (or finds) the viewer's
 * child token, a cta records the call to action tapped. Staff's own events and bots' are stored
 * but marked excluded. A logged-in customer's view may alert the staff member (throttled, in the
 * same commit) and moves their lead score after the commit.
 */
export async function trackEvent(deps: AppDeps, token: string, input: EventInput, user: SessionUser | undefined, userAgent: string | undefined): Promise<MaterialEventResponse> {
  checkInput(input);
  const tracked = await deps.materials.shareOf(token);
  if (!tracked) throw NotFound("Share");
  const { share, title } = tracked;
  if (input.kind === "cta" && input.cta !== tracked.callToAction) {
    throw ValidationFailed([{ path: "cta", message: tracked.callToAction ? `this material calls to ${tracked.callToAction}` : "this material has no call to action" }]);
  }
  const viewer = await viewerOf(deps, user);
  const excluded = exclusionOf(viewer, userAgent);
  const customerId = viewer.kind === "customer" ? viewer.customerId : null;
  // A bot's tap makes no child token: nobody will open what it "forwards".
  const forwards = input.kind === "share_intent" && excluded !== "bot";
  const child = forwards ? await forwardShare(deps, token, customerId ? { kind: "customer", id: customerId } : { kind: "device", id: input.deviceId }) : undefined;

  const event: MaterialEvent = {
    id: newId(),
    token,
    materialId: share.materialId,
    staffUserId: share.staffUserId,
    kind: input.kind,
    viewerKey: viewerKeyOf(viewer, input.deviceId),
    customerId,
    deviceId: input.deviceId,
    dwellMs: input.kind === "heartbeat" ? (input.dwellMs ?? 0) : 0,
    detail: child?.token ?? input.cta ?? null,
    excluded,
    at: deps.clock.now(),
  };
  const write: TrackedEvent = { event };
  if (input.kind === "view") write.viewer = { opens: 1, dwellMs: 0 };
  if (input.kind === "heartbeat") write.viewer = { opens: 0, dwellMs: event.dwellMs };
  if (customerId) write.joinDevice = true;
  else if (viewer.kind === "anonymous") deps.materials.events.forgetJoin(share.materialId, input.deviceId);
  if (customerId && !excluded && input.kind === "view") write.alertTitle = title;
  await deps.materials.events.write(write);

  if (customerId && !excluded) {
    const fact = behaviourOf(event, customerId, title);
    if (fact) deps.materials.score(fact);
  }
  return { accepted: true, ...(child ? { childToken: child.token } : {}) };
}

function behaviourOf(event: MaterialEvent, customerId: string, materialTitle: string): BehaviourFact | undefined {
  if (event.kind === "view") return { customerId, kind: "view", at: event.at, materialTitle, materialId: event.materialId };
  if (event.kind === "heartbeat" && event.dwellMs > 0) return { customerId, kind: "dwell", at: event.at, materialTitle, dwellMs: event.dwellMs };
  if (event.kind === "share_intent") return { customerId, kind: "share_intent", at: event.at, materialTitle };
  return undefined;
}
