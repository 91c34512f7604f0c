import { PosterInputError, qrMatrix, qrPng } from "../../../server/src/posters";
import { pixelsOf, readQr } from "./pixels";

const CONTACT_WAY = "https://work.weixin.qq.com/ca/cawcde5f3e2b9a7c1d4e";

const refusal = async (fn: () => unknown): Promise<PosterInputError> => {
  try {
    await fn();
  } catch (err) {
    if (err instanceof PosterInputError) return err;
    throw err;
  }
  throw new Error("expected a PosterInputError");
};

test("qrPng draws a code that reads back as the exact text, at the size asked", async () => {
  const png = await qrPng(CONTACT_WAY, { size: 300, margin: 4 });
  const { width, height } = await pixelsOf(png);
  expect([width, height]).toEqual([300, 300]);
  expect(await readQr(png)).toBe(CONTACT_WAY);
});

test("non-ASCII text survives the round trip", async () => {
  const text = "https://example.com/s/Ab3dE9?ref=王小明";
  expect(await readQr(await qrPng(text))).toBe(text);
});

test("modules are whole pixels, so the code has only black and white", async () => {
  const { data } = await pixelsOf(await qrPng(CONTACT_WAY, { size: 333, margin: 2 }));
  const greys = new Set<number>();
  for (let i = 0; i < data.length; i += 4) greys.add(data[i]);
  expect([...greys].sort((a, b) => a - b)).toEqual([0, 255]);
});

test("the matrix uses error correction M: 50 bytes need version 4 (33 modules)", () => {
  // In byte mode 50 bytes fit version 3 at L, version 4 at M, version 5 at Q, version 6 at H.
  expect(qrMatrix("x".repeat(50)).size).toBe(33);
});

test("bad input is a PosterInputError naming the field", async () => {
  const tooLong = await refusal(() => qrMatrix("x".repeat(2332)));
  expect(tooLong.field).toBe("qrText");
  expect(tooLong.message).toMatch(/too long for a QR code \(2332 bytes/);
  expect(tooLong).toMatchObject({ status: 422, code: "validation_failed", details: { field: "qrText" } });
  expect((await refusal(() => qrMatrix(""))).field).toBe("qrText");
  expect((await refusal(() => qrPng(CONTACT_WAY, { size: 10 }))).field).toBe("size");
  expect((await refusal(() => qrPng(CONTACT_WAY, { margin: -1 }))).field).toBe("margin");
  // The largest code (177 modules) does not fit in 100 pixels with its margin.
  const cramped = await refusal(() => qrPng("x".repeat(2331), { size: 100 }));
  expect(cramped.message).toMatch(/cannot hold this QR code/);
});
