// The baseline for `bench http`: Koa with one middleware answering a small JSON body.
const Koa = require("koa");
const app = new Koa();
app.use((ctx) => {
  ctx.body = { status: "ok" };
});
app.listen(Number(process.env.PORT), "127.0.0.1");
