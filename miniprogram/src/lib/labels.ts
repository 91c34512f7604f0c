import type { ChannelKind, RoutingRule } from '@scrm/shared'

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  expo: '展会',
  store: '门店',
  poster: '海报',
  ad: '广告',
  online: '线上',
  referral: '转介绍',
}

export const ROUTING_KIND_LABELS: Record<RoutingRule['kind'], string> = {
  round_robin: '轮流分配',
  least_loaded: '今日接待最少优先',
  working_hours: '仅工作时间',
}

export const FOLLOW_STATUS_LABELS = {
  active: '正常',
  pending: '待通过',
  lost: '已流失',
  removed: '已删除',
} as const

export type FollowStatusName = keyof typeof FOLLOW_STATUS_LABELS

export const TIMELINE_KIND_LABELS: Record<string, string> = {
  added: '添加好友',
  re_added: '再次添加（回流）',
  welcome: '发送欢迎语',
  deleted_staff: '客户删除了员工',
  removed_by_staff: '员工删除了客户',
  follow_edited: '修改备注/标签',
  logged_in: '登录小程序',
  merged: '合并客户档案',
  followup: '跟进消息',
  contacted: '员工已联系',
  reassigning: '经理申请改派（企业微信转接中）',
  opted_out: '不再接收跟进消息',
  opted_in: '恢复接收跟进消息',
}
