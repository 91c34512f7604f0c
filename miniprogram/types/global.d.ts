/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

/** Where the weapp build sends API calls; set at build time from the API_BASE_URL env (config/index.ts). */
declare const API_BASE_URL: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    /** The platform being built, replaced at build time. */
    TARO_ENV: 'weapp' | 'h5'
  }
}
