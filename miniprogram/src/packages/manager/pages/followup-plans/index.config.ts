export default definePageConfig({
  navigationBarTitleText: '跟进计划',
})
