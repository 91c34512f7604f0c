import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startMiniappSimulator, type RunningMiniappSimulator, type StartMiniappSimulatorOptions } from "../../server/src/sandbox/miniapp";
import { MiniappClient, type MiniappClientOptions } from "../../server/src/miniapp";

/** The keys of the test mini-program; the simulator and our client are built from the same ones. */
export const TEST_MINIAPP = {
  appId: "wxsimtest00000001",
  secret: "miniapp-secret-for-tests-01",
  h5BaseUrl: "http://127.0.0.1:8080/h5",
} as const;

/** The simulator alone on a free port. */
export function startTestMiniappSimulator(overrides: Partial<StartMiniappSimulatorOptions> = {}): Promise<RunningMiniappSimulator> {
  return startMiniappSimulator({ appId: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret, h5BaseUrl: TEST_MINIAPP.h5BaseUrl, ...overrides });
}

export function testMiniappClient(apiBase: string, overrides: Partial<MiniappClientOptions> = {}): MiniappClient {
  return new MiniappClient({ appId: TEST_MINIAPP.appId, secret: TEST_MINIAPP.secret, apiBase, timeoutMs: 2000, ...overrides });
}

/** What the QR code in a PNG says, or throws when no QR code is found. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height, { inversionAttempts: "dontInvert" });
  if (!found) throw new Error("no QR code in the image");
  return found.data;
}

/** A clock tests move by hand. */
export function manualClock(startMs = Date.UTC(2026, 2, 2, 2, 0, 0)) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}
