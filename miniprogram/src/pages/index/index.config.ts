export default definePageConfig({
  navigationBarTitleText: 'SCRM 助手',
})
