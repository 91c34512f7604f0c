export default definePageConfig({
  navigationBarTitleText: '添加专属顾问',
})
