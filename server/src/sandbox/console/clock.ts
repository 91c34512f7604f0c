/**
 * The console's business clock: follow-ups fall due by business time, so a demo moves it forward
 * (`POST /api/sandbox/clock`), which also delivers what fell due, as the next tick would.
 */
export const CLOCK_SECTION = `<h2>业务时钟</h2>
<p class="muted">跟进计划按业务时间到期。拨快时钟后立即投递到期的跟进（与定时任务相同）：客户消息进入模拟企业微信，员工任务出现在“今日任务”。</p>
<p>
  业务时间（上海）：<strong id="business-time">—</strong>
  <button data-clock-hours="1">+1 小时</button>
  <button data-clock-hours="24">+1 天</button>
  <button data-clock-hours="72">+3 天</button>
  <button data-clock-hours="168">+7 天</button>
</p>
<p id="clock-result" class="muted"></p>`;

export const CLOCK_SCRIPT = `(function () {
  function shanghai(iso) {
    return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  }
  function show(clock) {
    var el = document.getElementById("business-time");
    el.textContent = shanghai(clock.now);
    el.dataset.now = clock.now;
  }
  function answer(res) {
    return res.json().then(function (data) {
      if (!res.ok) throw new Error("业务时钟 → " + res.status + " " + JSON.stringify(data));
      return data;
    });
  }
  function advance(hours) {
    var result = document.getElementById("clock-result");
    fetch("/api/sandbox/clock", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ hours: hours }) })
      .then(answer)
      .then(function (clock) {
        show(clock);
        result.className = "ok";
        result.dataset.delivered = String(clock.delivered);
        result.textContent = "已拨快 " + hours + " 小时，处理了 " + clock.delivered + " 条到期的跟进";
      })
      .catch(function (err) {
        result.className = "error";
        result.textContent = err.message;
      });
  }
  document.addEventListener("click", function (event) {
    var el = event.target;
    if (el instanceof HTMLElement && el.dataset.clockHours) advance(Number(el.dataset.clockHours));
  });
  fetch("/api/sandbox/clock").then(answer).then(show);
})();`;
