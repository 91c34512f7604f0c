export default defineAppConfig({
  // The main package holds only what a customer opens: the home page and a channel's landing page.
  pages: ['pages/index/index', 'pages/landing/index'],
  // Staff and manager pages load on demand, so the customer's first download stays small.
  subPackages: [
    { root: 'packages/staff', pages: ['pages/home/index', 'pages/customers/index', 'pages/customer/index'] },
    {
      root: 'packages/manager',
      pages: ['pages/home/index', 'pages/campaigns/index', 'pages/campaign/index', 'pages/channel-form/index', 'pages/channel/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'SCRM 助手',
    navigationBarTextStyle: 'black',
  },
})
