import type { ChannelStats } from '@scrm/shared'
import type { StatsColumn } from '../../components/StatsTable'

/** A channel's adds and losses, per day, per staff member or in total. */
export const CHANNEL_STATS_COLUMNS: Array<StatsColumn<ChannelStats['totals']>> = [
  { key: 'new', label: '新增' },
  { key: 'returning', label: '回流' },
  { key: 'lost1d', label: '1天内流失' },
  { key: 'lost7d', label: '7天' },
  { key: 'lost30d', label: '30天' },
  { key: 'net', label: '净增' },
]
