import { PathLimiter } from "../../../../server/src/wecom/api/limiter";
import { manualClock } from "../../../helpers/wecomSimulator";

test("a burst goes at once; after it, callers queue one refill interval apart", () => {
  const clock = manualClock(0);
  const limiter = new PathLimiter({ perMinute: 60, burst: 2, now: clock.now });
  expect([limiter.reserve("/a"), limiter.reserve("/a"), limiter.reserve("/a"), limiter.reserve("/a")]).toEqual([0, 0, 1000, 2000]);
  expect(limiter.reserve("/b")).toBe(0); // each path has its own bucket
  clock.advance(3000);
  expect(limiter.reserve("/a")).toBe(0);
});

test("no minute ever lets more than perMinute + burst through", () => {
  const clock = manualClock(0);
  const limiter = new PathLimiter({ perMinute: 9000, burst: 900, now: clock.now });
  let sent = 0;
  // Callers as fast as possible: each goes when its wait is over.
  let next = 0;
  while (next < 60_000) {
    clock.advance(next - clock.now());
    const wait = limiter.reserve("/cgi-bin/message/send");
    if (clock.now() + wait < 60_000) sent++;
    next = clock.now() + wait;
  }
  expect(sent).toBeLessThanOrEqual(9900);
  expect(sent).toBeGreaterThan(9000);
});

test("take waits for the reserved slot", async () => {
  const limiter = new PathLimiter({ perMinute: 600, burst: 1 });
  const started = Date.now();
  await limiter.take("/x");
  await limiter.take("/x");
  expect(Date.now() - started).toBeGreaterThanOrEqual(90);
});
