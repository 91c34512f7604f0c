export default definePageConfig({
  navigationBarTitleText: '素材详情',
  enableShareAppMessage: true,
})
