import type Router from "@koa/router";
import { buildRouter } from "../../../server/src/app";
import type { AccessGuard } from "../../../server/src/http/access";
import { startTestApp, type TestApp } from "../../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const routesOf = (router: Router) =>
  router.stack.map((layer) => ({ route: `${layer.methods.join(",")} ${layer.path}`, guard: layer.stack[0] as Partial<AccessGuard> }));

test("every route declares the roles it allows, as its first middleware", () => {
  const routes = routesOf(buildRouter(app.deps));
  expect(routes.length).toBeGreaterThan(3);
  const undeclared = routes.filter((r) => !Array.isArray(r.guard.access) || r.guard.access.length === 0).map((r) => r.route);
  expect(undeclared).toEqual([]);
});
