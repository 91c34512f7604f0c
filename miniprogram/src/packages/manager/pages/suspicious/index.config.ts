export default definePageConfig({
  navigationBarTitleText: '可疑邀请',
})
