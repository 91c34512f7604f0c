// The posters module's surface: channels, referrals and materials render through these.
export { PosterInputError, type PosterField } from "./errors";
export { qrMatrix, qrPng, drawQr, type QrMatrix, type QrBox, type QrPngOptions } from "./qrCode";
export { renderChannelCard, CHANNEL_CARD_DPI, CHANNEL_CARD_SIZE, type ChannelCard } from "./channelCard";
export { renderSharePoster, SHARE_POSTER_SIZE, type SharePoster, type ShareCode } from "./sharePoster";
