export default definePageConfig({
  navigationBarTitleText: '线索评分规则',
})
