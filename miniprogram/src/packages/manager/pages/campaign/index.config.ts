export default definePageConfig({
  navigationBarTitleText: '活动渠道',
})
