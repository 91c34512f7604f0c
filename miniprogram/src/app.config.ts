export default defineAppConfig({
  // The main package holds only what a customer opens: the home page, a channel's landing page, their coupons,
  // a friend's invite and a shared material.
  pages: ['pages/index/index', 'pages/landing/index', 'pages/coupons/index', 'pages/coupon/index', 'pages/invite/index', 'pages/material/index'],
  // Staff and manager pages load on demand, so the customer's first download stays small.
  subPackages: [
    {
      root: 'packages/staff',
      pages: [
        'pages/home/index',
        'pages/customers/index',
        'pages/customer/index',
        'pages/redeem/index',
        'pages/referral/index',
        'pages/materials/index',
        'pages/material/index',
        'pages/my-shares/index',
        'pages/tasks/index',
      ],
    },
    {
      root: 'packages/manager',
      pages: [
        'pages/home/index',
        'pages/campaigns/index',
        'pages/campaign/index',
        'pages/channel-form/index',
        'pages/channel/index',
        'pages/stock-form/index',
        'pages/stock/index',
        'pages/leaderboard/index',
        'pages/suspicious/index',
        'pages/materials/index',
        'pages/material-form/index',
        'pages/material-stats/index',
        'pages/scoring/index',
        'pages/followup-plans/index',
        'pages/followup-plan/index',
        'pages/followup-results/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'SCRM 助手',
    navigationBarTextStyle: 'black',
  },
})
