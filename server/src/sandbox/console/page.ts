import { CLOCK_SCRIPT, CLOCK_SECTION } from "./clock";

/**
 * The console's HTML: self-contained (no build, no dependency), with a little inline script that
 * calls `/api/…` as a demo manager and the simulators' `_actions` and `_inspect` routes.
 */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCRM 沙箱控制台</title>
<style>
  body { font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
  h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; }
  th, td { border-bottom: 1px solid #eee; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #fafafa; }
  button { margin: 2px 4px 2px 0; cursor: pointer; }
  .muted { color: #888; } .error { color: #c62828; } .ok { color: #2e7d32; }
  code { background: #f5f5f5; padding: 0 4px; }
  #log { white-space: pre-wrap; background: #f7f8fa; padding: 8px; max-height: 200px; overflow: auto; }
</style>
</head>
<body>
<h1>SCRM 沙箱控制台</h1>
<p class="muted">模拟客户扫码、删除员工，查看模拟企业微信收到的欢迎语；以新客户打开邀请码；模拟客户用代金券付款；拨快业务时钟，投递到期的跟进。渠道由演示经理的账号读取。</p>
<p>
  打开 H5：<a href="/">首页</a> ·
  <button data-open-as="staff:LiNa">以员工 李娜 打开“我的客户”</button>
  <button data-open-as="staff:WangFang">以员工 王芳 打开“我的客户”</button>
  <button data-open-as="manager:ZhangWei">以经理 张伟 打开“活动与渠道”</button>
  <button id="refresh">刷新</button>
</p>
<div id="log" class="muted">就绪</div>

<h2>渠道</h2>
<table id="channels"><thead><tr><th>活动</th><th>渠道</th><th>state / configId</th><th>可分配员工</th><th>操作</th></tr></thead><tbody></tbody></table>

<h2>渠道带来的好友关系（模拟企业微信）</h2>
<table id="follows"><thead><tr><th>客户</th><th>员工</th><th>state</th><th>添加时间</th><th>操作</th></tr></thead><tbody></tbody></table>
<p class="muted">经理把客户改派给其他员工（在职继承）后，企业微信 24 小时后完成转接：<button id="take-over">让等待中的转接完成</button></p>

<h2>已发送的欢迎语</h2>
<table id="welcomes"><thead><tr><th>时间</th><th>员工</th><th>客户</th><th>内容</th><th>附件</th></tr></thead><tbody></tbody></table>

<h2>邀请码</h2>
<p class="muted">以一位全新的小程序客户（模拟小程序登录）打开好友邀请页，服务器按邀请记录这位新客户。每位新客户默认换一台“手机”（新的设备号）；勾选后沿用上一台，用来演示同一设备短时间大量邀请的风控。</p>
<p>
  <input id="invite-code" placeholder="邀请码" maxlength="32">
  <button id="open-invite">以新客户打开</button>
  <label><input type="checkbox" id="same-device"> 同一台手机</label>
  <button id="load-codes">列出演示员工的推广码</button>
</p>
<table id="referral-codes"><thead><tr><th>活动</th><th>员工</th><th>邀请码</th><th>操作</th></tr></thead><tbody><tr><td colspan="4" class="muted">点击“列出演示员工的推广码”</td></tr></tbody></table>

<h2>微信支付（模拟）</h2>
<p class="muted">模拟微信支付已发出的代金券。用券支付后，模拟微信支付向服务器发送核销（COUPON.USE）和支付成功（TRANSACTION.SUCCESS）通知。</p>
<table id="pay-coupons"><thead><tr><th>券 / 批次</th><th>用户 openid</th><th>优惠</th><th>状态</th><th>操作</th></tr></thead><tbody></tbody></table>

${CLOCK_SECTION}

<script>
(function () {
  var SESSION_KEY = "scrm.session";
  var PAGES = { staff: "/#/packages/staff/pages/customers/index", manager: "/#/packages/manager/pages/campaigns/index" };
  var token = null;
  var customerNames = {};

  function log(text, cls) {
    var el = document.getElementById("log");
    el.className = cls || "";
    el.textContent = new Date().toLocaleTimeString() + "  " + text;
  }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function request(method, url, body, auth) {
    var headers = { "Content-Type": "application/json" };
    if (auth && token) headers.Authorization = "Bearer " + token;
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      return res.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!res.ok) throw new Error(method + " " + url + " → " + res.status + " " + text);
        return data;
      });
    });
  }
  function signIn(role, userId) {
    return request("POST", "/api/sandbox/login", { role: role, userId: userId });
  }
  function rows(id, html) {
    document.querySelector("#" + id + " tbody").innerHTML = html || '<tr><td colspan="5" class="muted">暂无</td></tr>';
  }

  function loadChannels() {
    return Promise.all([
      request("GET", "/api/campaigns", undefined, true),
      request("GET", "/sandbox/wecom/_inspect/contact-ways"),
    ]).then(function (answers) {
      var configIds = {};
      answers[1].forEach(function (way) { if (way.state) configIds[way.state] = way.config_id; });
      return Promise.all(answers[0].campaigns.map(function (campaign) {
        return request("GET", "/api/campaigns/" + encodeURIComponent(campaign.id) + "/channels", undefined, true).then(function (a) {
          return a.channels.map(function (ch) { return { campaign: campaign, channel: ch, configId: configIds[ch.state] }; });
        });
      })).then(function (lists) {
        var all = [].concat.apply([], lists);
        rows("channels", all.map(function (r) {
          var ch = r.channel;
          return "<tr><td>" + esc(r.campaign.name) + "</td><td>" + esc(ch.name) + (ch.archived ? ' <span class="muted">已归档</span>' : "") +
            "</td><td><code>" + esc(ch.state) + "</code><br><code>" + esc(r.configId || "—") + "</code></td><td>" +
            esc(ch.contactWayUsers.join("、")) + "</td><td>" +
            (r.configId ? '<button data-scan="' + esc(r.configId) + '" data-channel="' + esc(ch.name) + '">以新客户身份扫码</button>' : '<span class="muted">无联系我配置</span>') +
            ' <a href="/#/pages/landing/index?state=' + encodeURIComponent(ch.state) + '" target="_blank">客户落地页</a></td></tr>';
        }).join(""));
      });
    });
  }

  function loadFollows() {
    return request("GET", "/sandbox/wecom/_inspect/corp").then(function (corp) {
      customerNames = {};
      corp.customers.forEach(function (c) { customerNames[c.external_userid] = c.name; });
      var members = {};
      corp.members.forEach(function (m) { members[m.userid] = m.name; });
      var viaChannel = corp.follows.filter(function (f) { return f.state; });
      rows("follows", viaChannel.slice().reverse().map(function (f) {
        return "<tr><td>" + esc(customerNames[f.external_userid] || f.external_userid) + "</td><td>" + esc(members[f.userid] || f.userid) +
          "</td><td><code>" + esc(f.state) + "</code></td><td>" + esc(new Date(f.createtime * 1000).toLocaleString()) +
          '</td><td><button data-delete-user="' + esc(f.userid) + '" data-delete-customer="' + esc(f.external_userid) + '">删除员工（客户删除了员工）</button></td></tr>';
      }).join(""));
    });
  }

  function loadWelcomes() {
    return request("GET", "/sandbox/wecom/_inspect/welcomes").then(function (welcomes) {
      rows("welcomes", welcomes.slice().reverse().map(function (w) {
        return "<tr><td>" + esc(new Date(w.receivedAtMs).toLocaleString()) + "</td><td>" + esc(w.userid) + "</td><td>" +
          esc(customerNames[w.external_userid] || w.external_userid) + "</td><td>" + esc(w.text ? w.text.content : "") +
          "</td><td>" + esc(JSON.stringify(w.attachments)) + "</td></tr>";
      }).join(""));
    });
  }

  var COUPON_STATUS = { SENDED: "可用", USED: "已使用", EXPIRED: "已过期" };
  function yuan(fen) {
    return (fen / 100).toFixed(2);
  }

  function loadPayCoupons() {
    return request("GET", "/sandbox/wechatpay/_inspect/coupons").then(function (coupons) {
      rows("pay-coupons", coupons.slice().reverse().map(function (c) {
        return "<tr><td><code>" + esc(c.couponId) + '</code><br><span class="muted">批次 ' + esc(c.stockId) + "</span></td><td><code>" + esc(c.openid) +
          "</code></td><td>满 " + yuan(c.transactionMinimumFen) + " 减 " + yuan(c.couponAmountFen) + " 元</td><td>" + esc(COUPON_STATUS[c.status] || c.status) +
          "</td><td>" + (c.status === "SENDED" ? '<button data-pay-coupon="' + esc(c.couponId) + '">用此券支付</button>' : "") + "</td></tr>";
      }).join(""));
    }, function () {
      // Without WeChat Pay settings the server mounts no simulator: say so instead of failing the refresh.
      rows("pay-coupons", '<tr><td colspan="5" class="muted">微信支付模拟未启用</td></tr>');
    });
  }

  function payWithCoupon(couponId) {
    var input = window.prompt("订单金额（元）", "120");
    if (input === null) return;
    var totalFen = Math.round(Number(input) * 100);
    if (!(totalFen > 0)) {
      log("订单金额无效：" + input, "error");
      return;
    }
    request("POST", "/sandbox/wechatpay/_actions/payWithCoupon", { couponId: couponId, totalFen: totalFen })
      .then(function (r) {
        log("已用券 " + couponId + " 支付 " + yuan(totalFen) + " 元，微信支付单号 " + r.transactionId + "，通知 " + r.notificationIds.join("、"), "ok");
        // Only this table: a full refresh would replace the result in the log.
        return loadPayCoupons();
      })
      .catch(function (err) { log(err.message, "error"); });
  }

  function refresh() {
    var start = token ? Promise.resolve() : signIn("manager").then(function (s) { token = s.token; });
    return start
      .then(function () { return Promise.all([loadChannels(), loadFollows().then(loadWelcomes), loadPayCoupons()]); })
      .then(function () { log("已刷新", "ok"); })
      .catch(function (err) { log(err.message, "error"); });
  }

  // Our callbacks are handled by the inbox worker shortly after WeCom's answer, so look again a little later.
  function refreshSoon() {
    refresh();
    setTimeout(refresh, 1500);
  }

  var DEVICE_KEY = "scrm.deviceId";
  var OPENID_KEY = "scrm.sandboxOpenid";
  var INVITE_PAGE = "/#/pages/invite/index?code=";
  var DEMO_STAFF = [{ userId: "LiNa", name: "李娜" }, { userId: "WangFang", name: "王芳" }];

  function randomDeviceId() {
    var id = "";
    while (id.length < 32) id += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, "0");
    return id;
  }

  // A new customer as the mini-program makes one: a login code from the platform simulator, then our
  // wx-login. The tab is opened before the calls, while the click still allows a pop-up.
  function openAsNewCustomer(code) {
    code = String(code || "").trim();
    if (!code) {
      log("请输入邀请码", "error");
      return;
    }
    var tab = window.open("about:blank", "_blank");
    request("POST", "/sandbox/miniapp/_actions/login-code", {})
      .then(function (issued) {
        // The new tab plays this WeChat user's phone (its subscription dialogs are theirs).
        localStorage.setItem(OPENID_KEY, JSON.stringify({ data: issued.openid }));
        return request("POST", "/api/auth/wx-login", { code: issued.code });
      })
      .then(function (session) {
        // Taro's H5 storage format: JSON { data } under the key; the invite page reads both.
        localStorage.setItem(SESSION_KEY, JSON.stringify({ data: session.token }));
        if (!document.getElementById("same-device").checked) localStorage.setItem(DEVICE_KEY, JSON.stringify({ data: randomDeviceId() }));
        var url = location.origin + INVITE_PAGE + encodeURIComponent(code);
        if (tab) tab.location.href = url;
        else window.open(url, "_blank");
        log("新客户 " + session.user.name + " 打开了邀请码 " + code, "ok");
      })
      .catch(function (err) {
        if (tab) tab.close();
        log(err.message, "error");
      });
  }

  // Each demo staff member's code in each campaign (asking for it makes it, as the staff page does).
  function loadReferralCodes() {
    request("GET", "/api/campaigns", undefined, true)
      .then(function (list) {
        return Promise.all(DEMO_STAFF.map(function (staff) {
          return signIn("staff", staff.userId).then(function (s) {
            return Promise.all(list.campaigns.map(function (campaign) {
              return fetch("/api/campaigns/" + encodeURIComponent(campaign.id) + "/my-referral", { headers: { Authorization: "Bearer " + s.token } })
                .then(function (res) { return res.ok ? res.json() : null; })
                .then(function (r) { return { campaign: campaign, staff: staff, code: r && r.code }; });
            }));
          });
        }));
      })
      .then(function (lists) {
        var all = [].concat.apply([], lists);
        var order = {};
        all.forEach(function (r, i) { if (!(r.campaign.id in order)) order[r.campaign.id] = i; });
        all.sort(function (a, b) { return order[a.campaign.id] - order[b.campaign.id]; });
        document.querySelector("#referral-codes tbody").innerHTML = all.map(function (r) {
          return "<tr><td>" + esc(r.campaign.name) + "</td><td>" + esc(r.staff.name) + "</td><td>" +
            (r.code ? "<code>" + esc(r.code) + '</code></td><td><button data-open-code="' + esc(r.code) + '">以新客户打开</button>' : '<span class="muted">无法获取</span></td><td>') +
            "</td></tr>";
        }).join("") || '<tr><td colspan="4" class="muted">暂无活动</td></tr>';
        log("已列出推广码", "ok");
      })
      .catch(function (err) { log(err.message, "error"); });
  }

  document.getElementById("invite-code").addEventListener("keydown", function (event) {
    if (event.key === "Enter") openAsNewCustomer(event.target.value);
  });

  document.addEventListener("click", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLElement)) return;
    if (el.id === "refresh") refresh();
    if (el.id === "open-invite") openAsNewCustomer(document.getElementById("invite-code").value);
    if (el.id === "load-codes") loadReferralCodes();
    if (el.dataset.openCode) openAsNewCustomer(el.dataset.openCode);
    if (el.dataset.scan) {
      var name = "新客户" + Math.floor(Math.random() * 9000 + 1000);
      request("POST", "/sandbox/wecom/_actions/customerAddsStaff", { configId: el.dataset.scan, name: name })
        .then(function () { log(name + " 扫码添加了“" + el.dataset.channel + "”", "ok"); refreshSoon(); })
        .catch(function (err) { log(err.message, "error"); });
    }
    if (el.dataset.deleteUser) {
      request("POST", "/sandbox/wecom/_actions/customerDeletesStaff", { userId: el.dataset.deleteUser, externalUserId: el.dataset.deleteCustomer })
        .then(function () { log("客户删除了员工 " + el.dataset.deleteUser, "ok"); refreshSoon(); })
        .catch(function (err) { log(err.message, "error"); });
    }
    if (el.id === "take-over") {
      request("POST", "/sandbox/wecom/_actions/transfersTakeOver", {})
        .then(function () { log("等待中的转接已完成", "ok"); refreshSoon(); })
        .catch(function (err) { log(err.message, "error"); });
    }
    if (el.dataset.payCoupon) payWithCoupon(el.dataset.payCoupon);
    if (el.dataset.openAs) {
      var parts = el.dataset.openAs.split(":");
      signIn(parts[0], parts[1])
        .then(function (s) {
          // The H5 build keeps its session as Taro's storage does: JSON { data } under the key.
          localStorage.setItem(SESSION_KEY, JSON.stringify({ data: s.token }));
          window.open(PAGES[parts[0]], "_blank");
        })
        .catch(function (err) { log(err.message, "error"); });
    }
  });

  refresh();
})();
</script>
<script>${CLOCK_SCRIPT}</script>
</body>
</html>
`;
