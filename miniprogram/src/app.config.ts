export default defineAppConfig({
  // The main package holds only what a customer opens: the home page, a channel's landing page, their coupons
  // and a friend's invite.
  pages: ['pages/index/index', 'pages/landing/index', 'pages/coupons/index', 'pages/coupon/index', 'pages/invite/index'],
  // Staff and manager pages load on demand, so the customer's first download stays small.
  subPackages: [
    { root: 'packages/staff', pages: ['pages/home/index', 'pages/customers/index', 'pages/customer/index', 'pages/redeem/index', 'pages/referral/index'] },
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
