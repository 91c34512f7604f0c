export default defineAppConfig({
  pages: ['pages/index/index'],
  // Staff and manager pages load on demand, so the customer's first download stays small.
  subPackages: [
    { root: 'packages/staff', pages: ['pages/home/index'] },
    { root: 'packages/manager', pages: ['pages/home/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: 'SCRM 助手',
    navigationBarTextStyle: 'black',
  },
})
