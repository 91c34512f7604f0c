import path from 'node:path'
import { defineConfig } from '@tarojs/cli'

const apiBaseUrl = process.env.API_BASE_URL ?? 'http://127.0.0.1:3000'

// The shared contracts are compiled from their TypeScript source, so a mini-program build does not
// need `tsc -b shared` first.
const sharedSrc = path.resolve(__dirname, '../../shared/src')

// Taro runs Babel only on src/ and its own packages; the shared contracts are TypeScript and need it too.
const compile = { include: [sharedSrc] }

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>({
  projectName: 'miniprogram',
  designWidth: 750,
  deviceRatio: {
    640: 2.34 / 2,
    750: 1,
    375: 2,
    828: 1.81 / 2,
  },
  sourceRoot: 'src',
  // TARO_ENV is set by `taro build --type <platform>` before this file is read.
  outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
  alias: {
    '@scrm/shared': sharedSrc,
  },
  defineConstants: {
    API_BASE_URL: JSON.stringify(apiBaseUrl),
  },
  framework: 'react',
  compiler: 'webpack5',
  mini: {
    compile,
    postcss: {
      pxtransform: { enable: true, config: {} },
    },
  },
  h5: {
    compile,
    // The server serves dist-h5 at "/" and index.html only for "/": hash routes keep every page on it.
    publicPath: '/',
    router: { mode: 'hash' },
    staticDirectory: 'static',
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
    },
    devServer: {
      proxy: { '/api': { target: apiBaseUrl, changeOrigin: true } },
    },
  },
})
