export default definePageConfig({
  navigationBarTitleText: '渠道详情',
})
